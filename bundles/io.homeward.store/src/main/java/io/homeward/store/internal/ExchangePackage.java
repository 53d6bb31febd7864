package io.homeward.store.internal;

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
import io.homeward.casemodel.exchange.PackageRefusedException;
import io.homeward.casemodel.exchange.PackageRefusedException.Reason;
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
record ExchangePackage(UUID packageId, String sender, Instant created, String targetCenter, String reference,
        CaseType type, String country, RiskLevel riskLevel, String riskReason, Map<String, String> fields,
        List<PersonDetails> persons, String message) {

    static final String FORMAT = "homeward-exchange/1";

    /** The most persons a package may carry; a case has a handful. */
    private static final int MAX_PERSONS = 50;

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
        root.put("created", created.toString());
        root.put("targetCenter", targetCenter);
        ObjectNode kase = root.putObject("case");
        kase.put("reference", reference);
        kase.put("type", type.name());
        kase.put("country", country);
        kase.put("riskLevel", riskLevel.name());
        kase.put("riskReason", riskReason);
        ObjectNode fieldsNode = kase.putObject("fields");
        new java.util.TreeMap<>(fields).forEach(fieldsNode::put);
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
            for (Iterator<Map.Entry<String, JsonNode>> it = fieldsNode.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getValue().isTextual()) {
                    throw malformed("case.fields." + field.getKey() + " is not a string");
                }
                fields.put(field.getKey(), field.getValue().asText());
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
                    text(p, "familyName", false), text(p, "givenName", false),
                    sex == null ? null : enumValue(Sex.class, sex, at + "sex"),
                    birth == null ? null : date(birth, at + "dateOfBirth"), text(p, "description", false), null));
        }
        return new ExchangePackage(uuid(text(root, "packageId", true)), text(root, "sender", true),
                instant(text(root, "created", true)), text(root, "targetCenter", true),
                text(kase, "reference", true), enumValue(CaseType.class, text(kase, "type", true), "case.type"),
                text(kase, "country", true),
                enumValue(RiskLevel.class, text(kase, "riskLevel", true), "case.riskLevel"),
                text(kase, "riskReason", true), fields, persons, text(kase, "message", false));
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
