package io.homeward.store.internal.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homeward.casemodel.CaseType;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.RiskLevel;
import io.homeward.casemodel.Sex;
import io.homeward.casemodel.exchange.PackageRefusedException.Reason;
import io.homeward.casemodel.exchange.PackageRefusedException;
import io.homeward.store.internal.caserecord.CaseRules;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The content of an exchange package, format {@value #FORMAT} (docs/exchange.md shows one): what a partner needs to
 * open the case, and no more. Center-neutral: the shared case type rather than the sender's category; custom fields
 * by id (the receiver keeps those its target center declares); persons without phone numbers (the receiver reaches
 * them through the sending center, named by {@link #reference()}); no notes, attachments or timeline, only the
 * sender's {@link #message()} written for this transfer.
 *
 * @param packageId never null
 * @param sender the sending deployment's id, never null
 * @param recipient the receiving deployment's id, never null: signed with the rest, so that a partner's package
 *        cannot be replayed at another deployment that trusts the same sender
 * @param created never null
 * @param targetCenter the center at the receiver that is to open the case, never null
 * @param reference the sender's case number, never null
 * @param type never null
 * @param country ISO 3166-1 alpha-2, never null
 * @param riskLevel never null
 * @param riskReason never null
 * @param fields never null
 * @param persons never null
 * @param message may be null
 */
record ExchangePackage(UUID packageId, String sender, String recipient, Instant created, String targetCenter,
        String reference, CaseType type, String country, RiskLevel riskLevel, String riskReason,
        Map<String, String> fields, List<PersonDetails> persons, String message) {

    static final String FORMAT = "homeward-exchange/1";

    /** The most persons a package may carry; a case has a handful. */
    private static final int MAX_PERSONS = 50;
    /** The most custom fields a package may carry. */
    private static final int MAX_FIELDS = 200;
    /**
     * The longest deployment id, center id, case number and field id: the width of the columns that hold them
     * (V1, V7).
     */
    static final int ID_LENGTH = 100;
    /** The longest free text: message, risk reason, description, field value (as a case note). */
    static final int TEXT_LENGTH = 20_000;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    ExchangePackage {
        fields = Map.copyOf(fields);
        persons = List.copyOf(persons);
    }

    /** @return the JSON, UTF-8, members in a fixed order: the bytes that are signed */
    byte[] toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("packageId", packageId.toString());
        root.put("sender", sender);
        root.put("recipient", recipient);
        root.put("created", created.toString());
        root.put("targetCenter", targetCenter);
        ObjectNode kase = root.putObject("case");
        kase.put("reference", reference);
        kase.put("type", type.name());
        kase.put("country", country);
        kase.put("riskLevel", riskLevel.name());
        kase.put("riskReason", riskReason);
        ObjectNode fieldsNode = kase.putObject("fields");
        new TreeMap<>(fields).forEach(fieldsNode::put);
        ArrayNode personsNode = kase.putArray("persons");
        for (PersonDetails person : persons) {
            ObjectNode p = personsNode.addObject();
            p.put("role", person.role().name());
            p.put("familyName", person.familyName());
            p.put("givenName", person.givenName());
            p.put("sex", person.sex() == null ? null : person.sex().name());
            p.put("dateOfBirth", person.dateOfBirth() == null ? null : person.dateOfBirth().toString());
            p.put("description", person.description());
        }
        kase.put("message", message);
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }

    /**
     * @param json a package as received
     * @return the package
     * @throws PackageRefusedException {@link Reason#MALFORMED}, naming the first problem, when it is not one
     */
    static ExchangePackage parse(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw malformed("the package is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw malformed("the package is not a JSON object");
        }
        String format = text(root, "format", true);
        if (!FORMAT.equals(format)) {
            throw malformed("format is " + format + "; this deployment reads " + FORMAT);
        }
        JsonNode kase = root.get("case");
        if (kase == null || !kase.isObject()) {
            throw malformed("case is missing or not an object");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        JsonNode fieldsNode = kase.get("fields");
        if (fieldsNode != null && !fieldsNode.isNull()) {
            if (!fieldsNode.isObject()) {
                throw malformed("case.fields is not an object");
            }
            if (fieldsNode.size() > MAX_FIELDS) {
                throw malformed("case.fields has more than " + MAX_FIELDS + " members");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = fieldsNode.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().length() > ID_LENGTH) {
                    throw malformed("a field id of case.fields is longer than " + ID_LENGTH + " characters");
                }
                if (!field.getValue().isTextual()) {
                    throw malformed("case.fields." + field.getKey() + " is not a string");
                }
                fields.put(field.getKey(), limited(field.getValue().asText(), "case.fields." + field.getKey(),
                        TEXT_LENGTH));
            }
        }
        JsonNode personsNode = kase.get("persons");
        if (personsNode == null || !personsNode.isArray() || personsNode.size() > MAX_PERSONS) {
            throw malformed("case.persons is missing, not an array or longer than " + MAX_PERSONS);
        }
        List<PersonDetails> persons = new ArrayList<>();
        for (int i = 0; i < personsNode.size(); i++) {
            JsonNode p = personsNode.get(i);
            String at = "case.persons[" + i + "].";
            if (!p.isObject()) {
                throw malformed(at.substring(0, at.length() - 1) + " is not an object");
            }
            String sex = text(p, "sex", false);
            String birth = text(p, "dateOfBirth", false);
            persons.add(new PersonDetails(enumValue(PersonRole.class, text(p, "role", true), at + "role"),
                    limited(text(p, "familyName", false), at + "familyName", CaseRules.NAME_LENGTH),
                    limited(text(p, "givenName", false), at + "givenName", CaseRules.NAME_LENGTH),
                    sex == null ? null : enumValue(Sex.class, sex, at + "sex"),
                    birth == null ? null : date(birth, at + "dateOfBirth"),
                    limited(text(p, "description", false), at + "description", TEXT_LENGTH), null));
        }
        return new ExchangePackage(uuid(text(root, "packageId", true)),
                limited(text(root, "sender", true), "sender", ID_LENGTH),
                limited(text(root, "recipient", true), "recipient", ID_LENGTH),
                instant(text(root, "created", true)),
                limited(text(root, "targetCenter", true), "targetCenter", ID_LENGTH),
                limited(text(kase, "reference", true), "case.reference", ID_LENGTH),
                enumValue(CaseType.class, text(kase, "type", true), "case.type"),
                text(kase, "country", true),
                enumValue(RiskLevel.class, text(kase, "riskLevel", true), "case.riskLevel"),
                limited(text(kase, "riskReason", true), "case.riskReason", TEXT_LENGTH), fields, persons,
                limited(text(kase, "message", false), "case.message", TEXT_LENGTH));
    }

    /**
     * The sender and package id of a package as received, for the log line of a refusal, as far as they can be
     * read: a package too malformed to parse may still name them.
     *
     * @return "sender=... package=...", each "?" when not readable as an id
     */
    static String idsOf(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            root = null;
        }
        return "sender=" + loggable(root == null ? null : root.get("sender")) + " package="
                + loggable(root == null ? null : root.get("packageId"));
    }

    /** @return the id if it looks like one (no spaces, no line breaks, short), else "?": ids only go to logs */
    private static String loggable(JsonNode id) {
        return id != null && id.isTextual() && id.asText().matches("[A-Za-z0-9._:@-]{1," + ID_LENGTH + "}")
                ? id.asText() : "?";
    }

    /** @return the value, null included, when it is at most max characters long */
    private static String limited(String value, String member, int max) {
        if (value != null && value.length() > max) {
            throw malformed(member + " is longer than " + max + " characters");
        }
        return value;
    }

    /** @return the member's text; null when absent or null and not required */
    private static String text(JsonNode node, String name, boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw malformed(name + " is required");
            }
            return null;
        }
        if (!value.isTextual() || required && value.asText().isBlank()) {
            throw malformed(name + " must be a non-empty string");
        }
        return value.asText();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String member) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw malformed(member + " is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw malformed("packageId is not a UUID");
        }
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw malformed("created is not an ISO-8601 instant");
        }
    }

    private static LocalDate date(String value, String member) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw malformed(member + " is not a date of the form yyyy-MM-dd");
        }
    }

    private static PackageRefusedException malformed(String problem) {
        return new PackageRefusedException(Reason.MALFORMED, "malformed package: " + Objects.requireNonNull(problem));
    }
}
