package io.homeward.web.internal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.Labels;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** JSON reading and writing for the API, strict on input: unknown fields and wrong types are refused. */
final class Json {

    /** Largest request body accepted; intake and actions are small, attachments have their own endpoint. */
    static final int MAX_BODY_BYTES = 1 << 20;

    /** Deepest nesting accepted: the API's bodies nest three levels at most. */
    static final int MAX_NESTING = 32;

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // {"text": "a", "text": "b"} is two answers to one question, not the last one
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // a risk level of 3 is a wrong type, not CRITICAL
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);

    /** Labels travel as a plain {"nl": "…", "fr": "…"} object; the API records stay free of Jackson. */
    private abstract static class LabelsMixin {
        @JsonValue
        abstract Map<String, String> byLanguage();
    }

    /** {@code isHub()} would otherwise hide the hub's members and rules behind a bare "hub": true. */
    private abstract static class CenterMixin {
        @JsonIgnore
        abstract boolean isHub();
    }

    static {
        MAPPER.addMixIn(Labels.class, LabelsMixin.class);
        // a number or a boolean where text belongs is a wrong type: Jackson would quietly turn 5 into "5"
        for (CoercionInputShape scalar : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            MAPPER.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
        }
        MAPPER.addMixIn(Center.class, CenterMixin.class);
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING).maxStringLength(MAX_BODY_BYTES).build());
    }

    private Json() {
    }

    /**
     * @return the request body as the given type
     * @throws ApiException 415 when not JSON, 413 when too large, 400 with a precise reason when malformed
     */
    static <T> T read(HttpServletRequest req, Class<T> type) throws IOException {
        return parse(body(req), type);
    }

    /**
     * @return the body as the given type
     * @throws ApiException 400 with a precise reason when malformed, beyond the limits of the API, or {@code null}
     */
    static <T> T parse(byte[] body, Class<T> type) throws IOException {
        try {
            // read as a value rather than by readTree, which ignores FAIL_ON_TRAILING_TOKENS
            JsonNode tree = MAPPER.readerFor(JsonNode.class).readValue(body);
            if (tree == null || tree.isNull()) {
                throw new ApiException(400, "the request body is null; send a JSON object");
            }
            String unstorable = unstorableText(tree, "");
            if (unstorable != null) {
                throw new ApiException(400, "field '" + unstorable + "' holds a NUL character or half of a surrogate"
                        + " pair (\\u0000, \\ud800…\\udfff alone), which no text may hold");
            }
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, describe(e));
        }
    }

    /**
     * @return the path of the first name or text in the tree that holds a NUL or an unpaired surrogate, which no
     *     database of the store keeps as sent (PostgreSQL refuses the one and replaces the other); null if none
     */
    private static String unstorableText(JsonNode node, String path) {
        if (node.isTextual()) {
            return storable(node.textValue()) ? null : path;
        }
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            String where = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            String found = storable(field.getKey()) ? unstorableText(field.getValue(), where) : where;
            if (found != null) {
                return found;
            }
        }
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            String found = unstorableText(node.get(i), path + "[" + i + "]");
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean unpaired = Character.isLowSurrogate(c) || Character.isHighSurrogate(c)
                    && (++i == text.length() || !Character.isLowSurrogate(text.charAt(i)));
            if (c == 0 || unpaired) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the request body, exactly as sent
     * @throws ApiException 415 when not declared as JSON, 413 when too large, 400 when empty
     */
    static byte[] body(HttpServletRequest req) throws IOException {
        String contentType = req.getContentType();
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            throw new ApiException(415, "send the request body as application/json");
        }
        if (req.getContentLengthLong() > MAX_BODY_BYTES) {
            throw new ApiException(413, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        byte[] body;
        try (InputStream in = req.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw brokenBody(e);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        if (body.length == 0) {
            throw new ApiException(400, "the request body is empty; send a JSON object");
        }
        return body;
    }

    /**
     * @return the answer to a request body that could not be read to its end: 408 when it stalled (the server's
     *     idle timeout), 400 when it broke off or its chunked encoding was malformed — the client's doing either way
     */
    static ApiException brokenBody(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return new ApiException(408, "the request body stopped arriving before its end; send it again");
            }
        }
        return new ApiException(400, "the request body could not be read to its end: it broke off, or its chunked"
                + " encoding is malformed");
    }

    /** A message naming what is wrong and where, without Java class names. */
    static String describe(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            // Jackson's message names its own configuration methods; the limits are the API's
            return "the JSON is beyond the limits of the API: at most " + MAX_NESTING + " levels of nesting and"
                    + " numbers of at most " + StreamReadConstraints.DEFAULT_MAX_NUM_LEN + " digits";
        }
        if (e instanceof MismatchedInputException m && m.getOriginalMessage().startsWith("Trailing token")) {
            return "malformed JSON: more follows the body's JSON value";
        }
        if (endsEarly(e)) {
            return "malformed JSON: the body ends before the JSON value is complete";
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
            return (where.isEmpty() ? "" : "field '" + where + "': ") + "wrong type or shape of value";
        }
        return e.getLocation() == null ? "malformed JSON" : "malformed JSON at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr();
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

}
