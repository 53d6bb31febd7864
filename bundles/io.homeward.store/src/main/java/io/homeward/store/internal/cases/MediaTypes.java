package io.homeward.store.internal.cases;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells the media type of an attachment from its content, never from its name: the signature ("magic bytes") of
 * PDF, PNG, JPEG and GIF, else strict UTF-8 text. Anything else — executables, archives, office documents,
 * binary data — is of no accepted type.
 */
final class MediaTypes {

    static final String PDF = "application/pdf";
    static final String PNG = "image/png";
    static final String JPEG = "image/jpeg";
    static final String GIF = "image/gif";
    static final String TEXT = "text/plain";

    private static final byte[] PDF_MAGIC = ascii("%PDF-");
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] GIF87_MAGIC = ascii("GIF87a");
    private static final byte[] GIF89_MAGIC = ascii("GIF89a");
    /** A script that names its interpreter is an executable, however plain its text. */
    private static final byte[] SHEBANG = ascii("#!");

    private MediaTypes() {
    }

    /** @return the media type of the content, or empty when it is none of the accepted ones (or no content) */
    static Optional<String> detect(byte[] content) {
        if (content.length == 0) {
            return Optional.empty();
        }
        if (startsWith(content, PDF_MAGIC)) {
            return Optional.of(PDF);
        }
        if (startsWith(content, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (startsWith(content, JPEG_MAGIC)) {
            return Optional.of(JPEG);
        }
        if (startsWith(content, GIF87_MAGIC) || startsWith(content, GIF89_MAGIC)) {
            return Optional.of(GIF);
        }
        return isPlainText(content) ? Optional.of(TEXT) : Optional.empty();
    }

    /**
     * @return the declared type without parameters, in lower case, {@code image/jpg} read as {@code image/jpeg};
     *     null when nothing specific was declared (no type, or {@code application/octet-stream}, which is what
     *     clients send for "unknown")
     */
    static String declared(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        return switch (type) {
            case "", "application/octet-stream" -> null;
            case "image/jpg", "image/pjpeg" -> JPEG;
            default -> type;
        };
    }

    /**
     * Strict UTF-8 (an optional byte order mark, no malformed or overlong sequence) with no control character
     * other than tab, line feed, form feed and carriage return, and not a script with a {@code #!} line.
     */
    private static boolean isPlainText(byte[] content) {
        if (startsWith(content, SHEBANG)) {
            return false;
        }
        for (byte b : content) {
            if ((b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\f' && b != '\r') || b == 0x7f) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        return content.length >= prefix.length && Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
