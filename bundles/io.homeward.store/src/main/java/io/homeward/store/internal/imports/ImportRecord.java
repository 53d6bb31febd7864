package io.homeward.store.internal.imports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.homeward.casemodel.NewCase;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One line of an import file, read: a legacy record in the intake shape of the REST API ({@code POST /api/v1/cases},
 * a {@link NewCase}) plus what an old record has that an intake has not. See docs/import.md for the format.
 *
 * <p>Read as strictly as the API reads an intake (the web bundle's JSON reading, which the store cannot reach: that
 * bundle exports nothing): unknown fields, wrong types, numbers for enums or text, and trailing content are
 * refused, each with a message that names the field. Thread-safe.
 *
 * @param line the line's number in the file, from 1
 * @param externalReference the record's id in the legacy system, stripped; never blank; null when unreadable
 * @param openedAt when the case was opened; null when unreadable
 * @param closedAt when it was closed, or null
 * @param status the id of the workflow state the case is in; null when unreadable
 * @param intake the intake, with the import's center when the line names none; never null
 */
record ImportRecord(int line, String externalReference, Moment openedAt, Moment closedAt, String status,
        NewCase intake) {

    /** The longest line read: the largest request body the API accepts. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("homeward-import").addDeserializer(LocalDate.class, new DateReader()))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // a risk level of 3 is a wrong type, not CRITICAL
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);

    static {
        // a number or a boolean where text belongs is a wrong type: Jackson would quietly turn 5 into "5"
        for (CoercionInputShape scalar : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            MAPPER.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
        }
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(MAX_LINE_BYTES).build());
    }

    /**
     * Reads one line. A line whose intake part reads but whose import members do not still gives a record (with
     * those members null), so that the intake's own checks can add their reasons to the refusal.
     *
     * @param line its number in the file
     * @param json the line, without its line break
     * @param centerId the center the import runs for: the intake's center when the line names none, and the only
     *     one it may name
     * @return the record and the problems found reading it
     */
    static Result read(int line, byte[] json, String centerId) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            return Result.refused(e instanceof JsonProcessingException p ? describe(p) : "unreadable: " + e.getMessage());
        }
        if (!(root instanceof ObjectNode object)) {
            return Result.refused("a line must hold one JSON object, the intake of one case");
        }
        List<String> problems = new ArrayList<>();
        String reference = text(object.remove("externalReference"), "externalReference", problems);
        if (reference != null) {
            reference = reference.strip();
            if (reference.isEmpty()) {
                problems.add("externalReference: is required: the record's id in the legacy system");
                reference = null;
            } else if (reference.length() > CaseImportEntity.REFERENCE_LENGTH) {
                problems.add("externalReference: is longer than " + CaseImportEntity.REFERENCE_LENGTH + " characters");
                reference = null;
            }
        }
        Moment opened = moment(object.remove("openedAt"), "openedAt", true, problems);
        Moment closed = moment(object.remove("closedAt"), "closedAt", false, problems);
        String status = text(object.remove("status"), "status", problems);
        JsonNode center = object.get("centerId");
        if (center == null || center.isNull()) {
            object.put("centerId", centerId);
        } else if (center.isTextual() && !center.asText().equals(centerId)) {
            problems.add("centerId: the import is for center " + centerId + ", this record names " + center.asText()
                    + "; leave it out or import the file for that center");
        }
        try {
            NewCase intake = MAPPER.treeToValue(object, NewCase.class);
            return new Result(new ImportRecord(line, reference, opened, closed, status, intake), problems);
        } catch (JsonProcessingException e) {
            problems.add(describe(e));
            return new Result(null, problems);
        }
    }

    /** A required text member; null (and a problem) when missing or not text. */
    private static String text(JsonNode value, String name, List<String> problems) {
        if (value == null || value.isNull()) {
            problems.add(name + ": is required");
            return null;
        }
        if (!value.isTextual()) {
            problems.add(name + ": must be a string");
            return null;
        }
        return value.asText();
    }

    /** A date or timestamp member; null when absent (a problem when required) or unreadable (a problem). */
    private static Moment moment(JsonNode value, String name, boolean required, List<String> problems) {
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(name + ": is required");
            }
            return null;
        }
        Moment moment = value.isTextual() ? Moment.parse(value.asText()) : null;
        if (moment == null) {
            problems.add(name + ": " + (value.isTextual() ? "'" + value.asText() + "'" : value.toString())
                    + " is not a date (2019-05-03) or a timestamp (2019-05-03T14:20:00Z, with an offset, or"
                    + " 2019-05-03T14:20:00 in the center's time zone)");
        }
        return moment;
    }

    /**
     * A message naming what is wrong and where, without Java class names; as the API words its refusals of a
     * malformed intake.
     */
    static String describe(JsonProcessingException e) {
        if (endsEarly(e)) {
            return "malformed JSON: the line ends before the JSON value is complete";
        }
        if (e instanceof MismatchedInputException m && m.getOriginalMessage().startsWith("Trailing token")) {
            return "malformed JSON: more than one JSON value on the line";
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + path(u) + "'";
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            String allowed = Arrays.stream(f.getTargetType().getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
            return "field '" + path(f) + "': '" + f.getValue() + "' is not one of " + allowed;
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            String where = path(v);
            String prefix = where.isEmpty() ? "" : where + ".";
            // the API records reject a missing value with requireNonNull(value, "name")
            return v.getCause() instanceof NullPointerException
                    ? "field '" + prefix + v.getCause().getMessage() + "' is required"
                    : (where.isEmpty() ? "" : "'" + where + "': ") + v.getCause().getMessage();
        }
        if (e instanceof JsonMappingException m) {
            String where = path(m);
            String reason = m.getCause() instanceof DateTimeParseException || m.getCause() instanceof BadDate
                    ? "not a date (YYYY-MM-DD)" : "wrong type or shape of value";
            return (where.isEmpty() ? "" : "field '" + where + "': ") + reason;
        }
        return "malformed JSON at column " + e.getLocation().getColumnNr();
    }

    /** @return whether the input ended inside a value; Jackson may report it as a mapping problem of that value */
    private static boolean endsEarly(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonEOFException
                    || t instanceof MismatchedInputException m && m.getOriginalMessage().contains("end-of-input")) {
                return true;
            }
        }
        return false;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /**
     * A line read.
     *
     * @param record null when the line does not even hold an intake; else its members that could not be read are
     *     null
     * @param problems what is wrong with the line, empty when nothing is; never null
     */
    record Result(ImportRecord record, List<String> problems) {
        Result {
            problems = List.copyOf(problems);
        }

        static Result refused(String reason) {
            return new Result(null, List.of(reason));
        }
    }

    /**
     * A moment as a legacy record gives it: an instant (a timestamp with an offset), or a local date and time (a
     * date is its first moment) that the owning center's time zone places.
     *
     * @param instant null when local
     * @param local null when an instant
     */
    record Moment(Instant instant, LocalDateTime local) {

        /** @return the moment the text names, or null when it is neither a date nor a timestamp */
        static Moment parse(String text) {
            try {
                if (text.indexOf('T') < 0) {
                    return new Moment(null, LocalDate.parse(text).atStartOfDay());
                }
                if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d(:?\\d\\d)?$")) {
                    return new Moment(OffsetDateTime.parse(text).toInstant(), null);
                }
                return new Moment(null, LocalDateTime.parse(text));
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        /** @return the instant, with a local moment placed in the zone (the earlier instant of an overlap) */
        Instant in(ZoneId zone) {
            return instant != null ? instant : local.atZone(zone).toInstant();
        }
    }

    /** Dates of birth as the API reads them: ISO {@code YYYY-MM-DD}. */
    private static final class DateReader extends JsonDeserializer<LocalDate> {
        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
                return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
            }
            try {
                return LocalDate.parse(parser.getText());
            } catch (DateTimeParseException e) {
                throw JsonMappingException.from(parser, "not a date", new BadDate());
            }
        }
    }

    /** Marks an unreadable date of birth, so that the message says so. */
    private static final class BadDate extends Exception {
        private static final long serialVersionUID = 1L;
    }
}
