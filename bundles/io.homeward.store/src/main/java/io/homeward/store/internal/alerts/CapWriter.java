package io.homeward.store.internal.alerts;

import io.homeward.casemodel.AttachmentContent;
import io.homeward.casemodel.Case;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.alert.Alert;
import io.homeward.casemodel.alert.AlertMessage;
import io.homeward.casemodel.center.AlertPlan;
import io.homeward.casemodel.center.Center;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an alert's messages as OASIS CAP 1.2 XML, with the JDK's StAX writer (which escapes every value).
 *
 * <p>One {@code <info>} per language of the center; the public learns what a public appeal needs and no more: the
 * child's name, age and physical description, the photo, the area and the center's hotline — never the date of birth,
 * the persons around the child, the case's fields or notes.
 */
final class CapWriter {

    static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";

    /** CAP times: seconds and a numeric offset, never "Z" (UTC is written -00:00, as CAP 1.2 §3.3.2 says). */
    private static final DateTimeFormatter CAP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private CapWriter() {
    }

    /**
     * What goes into one message.
     *
     * @param center the alert's center, never null
     * @param plan its alert plan, never null
     * @param alert the alert, approved (its grading set), never null
     * @param message the message to write, never null
     * @param references the CAP references of the alert's earlier messages, oldest first, as {@link
     *     AlertMessageEntity#reference()} gives them; empty for the first message, never null
     * @param subject the alert's case, never null
     * @param photo the photo chosen for the alert, null when none was chosen
     * @param note what an update says changed, or why a cancel withdraws the alert; null for the first message
     */
    record Content(Center center, AlertPlan plan, Alert alert, AlertMessage message, List<String> references,
            Case subject, AttachmentContent photo, String note) {
    }

    /** @return the CAP sender of a center's messages */
    static String sender(Center center) {
        return center.id() + "@homeward";
    }

    /** @return a time as CAP writes it, in the center's zone */
    static String time(Instant at, Center center) {
        String formatted = at.truncatedTo(ChronoUnit.SECONDS).atZone(center.timeZone()).format(CAP_TIME);
        return formatted.endsWith("+00:00") ? formatted.substring(0, formatted.length() - 6) + "-00:00" : formatted;
    }

    /**
     * @return the {@code sent} of a message as it was written, from its stored XML: a later message references it by
     *     this very text (CAP 1.2 §3.2.1), which re-rendering the instant would not give if the center's zone changed
     */
    static String sent(byte[] cap) {
        try {
            XMLInputFactory factory = XMLInputFactory.newFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(cap));
            try {
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("sent")
                            && NAMESPACE.equals(xml.getNamespaceURI())) {
                        return xml.getElementText();
                    }
                }
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException("a stored CAP message could not be read", e);
        }
        throw new IllegalStateException("a stored CAP message has no <sent>");
    }

    /** @return the message as UTF-8 XML */
    static byte[] write(Content content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(NAMESPACE);
            xml.writeStartElement(NAMESPACE, "alert");
            xml.writeDefaultNamespace(NAMESPACE);
            Center center = content.center();
            AlertMessage message = content.message();
            element(xml, "identifier", message.id().toString());
            element(xml, "sender", message.sender());
            element(xml, "sent", time(message.sent(), center));
            element(xml, "status", "Actual");
            element(xml, "msgType", message.type().cap());
            element(xml, "scope", "Public");
            if (content.note() != null) {
                element(xml, "note", content.note());
            }
            if (!content.references().isEmpty()) {
                element(xml, "references", String.join(" ", content.references()));
            }
            for (String language : center.languages()) {
                info(xml, content, language);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the CAP message could not be written", e);
        }
        return out.toByteArray();
    }

    private static void info(XMLStreamWriter xml, Content content, String language) throws XMLStreamException {
        List<String> preferred = List.of(language);
        AlertPlan plan = content.plan();
        Alert alert = content.alert();
        String event = plan.event().in(preferred, "Child Abduction Emergency");
        PersonDetails child = content.subject().persons().stream().map(p -> p.details())
                .filter(d -> d.role() == PersonRole.CHILD).findFirst().orElse(null);

        xml.writeStartElement(NAMESPACE, "info");
        element(xml, "language", language);
        element(xml, "category", "Rescue");
        element(xml, "event", event);
        element(xml, "urgency", alert.urgency().cap());
        element(xml, "severity", alert.severity().cap());
        element(xml, "certainty", alert.certainty().cap());
        pair(xml, "eventCode", plan.eventCode());
        element(xml, "senderName", content.center().name());
        element(xml, "headline", child == null || child.givenName() == null ? event : event + ": " + child.givenName());
        String description = describe(child, LocalDate.ofInstant(content.message().sent(), content.center().timeZone()));
        if (content.note() != null) {
            description = description.isEmpty() ? content.note() : description + "\n" + content.note();
        }
        if (!description.isEmpty()) {
            element(xml, "description", description);
        }
        if (!content.center().hotlines().isEmpty()) {
            element(xml, "contact", content.center().hotlines().get(0).number());
        }
        AttachmentContent photo = content.photo();
        if (photo != null) {
            xml.writeStartElement(NAMESPACE, "resource");
            element(xml, "resourceDesc", "Photo");
            element(xml, "mimeType", photo.attachment().contentType());
            element(xml, "size", Long.toString(photo.content().length));
            element(xml, "derefUri", Base64.getEncoder().encodeToString(photo.content()));
            element(xml, "digest", sha1(photo.content()));
            xml.writeEndElement();
        }
        xml.writeStartElement(NAMESPACE, "area");
        element(xml, "areaDesc", plan.area().description().in(preferred, content.center().country()));
        for (AlertPlan.Code geocode : plan.area().geocodes()) {
            pair(xml, "geocode", geocode);
        }
        xml.writeEndElement();
        xml.writeEndElement();
    }

    /** @return the child's name, age and physical description, as far as the case has them */
    private static String describe(PersonDetails child, LocalDate today) {
        if (child == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        String name = ((child.givenName() == null ? "" : child.givenName()) + " "
                + (child.familyName() == null ? "" : child.familyName())).strip();
        text.append(name);
        if (child.dateOfBirth() != null) {
            text.append(text.isEmpty() ? "" : ", ").append(child.ageOn(today));
        }
        if (child.description() != null && !child.description().isBlank()) {
            text.append(text.isEmpty() ? "" : ". ").append(child.description().strip());
        }
        return text.toString();
    }

    /** CAP 1.2 names SHA-1 for a resource's digest; it identifies the file, it protects nothing. */
    static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    private static void pair(XMLStreamWriter xml, String name, AlertPlan.Code code) throws XMLStreamException {
        xml.writeStartElement(NAMESPACE, name);
        element(xml, "valueName", code.valueName());
        element(xml, "value", code.value());
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(NAMESPACE, name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }
}
