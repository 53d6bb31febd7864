package io.homeward.web.internal;

import io.homeward.casemodel.alert.Alert;
import io.homeward.casemodel.alert.AlertMessage;
import io.homeward.casemodel.alert.AlertService;
import io.homeward.casemodel.alert.FeedEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * The active alerts as an Atom feed (RFC 4287): one entry per active alert, holding the alert's latest CAP message
 * inline ({@code <content type="application/cap+xml">}) and linking to it. Built with DOM, the CAP messages parsed
 * and imported as they are stored. One read of the store ({@link AlertService#feed()}), audited once.
 */
final class AlertFeed {

    static final String ATOM = "http://www.w3.org/2005/Atom";

    private AlertFeed() {
    }

    /**
     * Writes the feed of the alerts the current subject can see.
     *
     * @param self the feed's own URL
     */
    static void write(AlertService alerts, String self, OutputStream out) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document feed = factory.newDocumentBuilder().newDocument();
            Element root = feed.createElementNS(ATOM, "feed");
            feed.appendChild(root);
            List<FeedEntry> active = alerts.feed();
            text(root, "id", "urn:homeward:alerts:active");
            text(root, "title", "Active child abduction alerts");
            text(root, "updated", active.stream().map(e -> latest(e.alert()).sent()).max(Instant::compareTo)
                    .orElse(Instant.EPOCH).toString());
            Element author = feed.createElementNS(ATOM, "author");
            root.appendChild(author);
            text(author, "name", "Homeward");
            link(root, "self", "application/atom+xml", self);
            for (FeedEntry item : active) {
                Alert alert = item.alert();
                AlertMessage message = latest(alert);
                Element entry = feed.createElementNS(ATOM, "entry");
                root.appendChild(entry);
                text(entry, "id", "urn:uuid:" + message.id());
                text(entry, "title", "Alert for case " + alert.caseNumber() + " (" + message.type().cap() + ")");
                text(entry, "updated", message.sent().toString());
                link(entry, "alternate", AlertsServlet.CAP_TYPE, "/api/v1/alerts/messages/" + message.id());
                Element content = feed.createElementNS(ATOM, "content");
                content.setAttribute("type", AlertsServlet.CAP_TYPE);
                entry.appendChild(content);
                Document cap = factory.newDocumentBuilder().parse(new ByteArrayInputStream(item.cap()));
                content.appendChild(feed.importNode(cap.getDocumentElement(), true));
            }
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(feed), new StreamResult(out));
        } catch (ParserConfigurationException | SAXException | TransformerException e) {
            throw new IllegalStateException("the alert feed could not be written", e);
        }
    }

    /** @return the message that stands for the alert now: its latest */
    private static AlertMessage latest(Alert alert) {
        return alert.messages().get(alert.messages().size() - 1);
    }

    private static void link(Element parent, String rel, String type, String href) {
        Element link = parent.getOwnerDocument().createElementNS(ATOM, "link");
        link.setAttribute("rel", rel);
        link.setAttribute("type", type);
        link.setAttribute("href", href);
        parent.appendChild(link);
    }

    private static void text(Element parent, String name, String value) {
        Element element = parent.getOwnerDocument().createElementNS(ATOM, name);
        element.setTextContent(value);
        parent.appendChild(element);
    }
}
