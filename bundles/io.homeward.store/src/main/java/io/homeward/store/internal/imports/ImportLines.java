package io.homeward.store.internal.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of an import file, as bytes: split at line feeds (a byte that UTF-8 never uses inside a character, so
 * that a line with broken UTF-8 is refused alone rather than ending the file), without a carriage return before the
 * line feed or a byte order mark at the start, numbered from 1. Blank lines are skipped but counted. A line longer
 * than the limit is returned without its bytes, to be refused, and the next line is read as usual. Not thread-safe.
 */
final class ImportLines {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean eof;
    private int number;

    ImportLines(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /**
     * @return the next line that is not blank, or null at the end of the file
     * @throws IOException when the file cannot be read
     */
    Line next() throws IOException {
        while (true) {
            Line line = nextLine();
            if (line == null || line.bytes() == null || !blank(line.bytes())) {
                return line;
            }
        }
    }

    private Line nextLine() throws IOException {
        byte[] line = new byte[256];
        int length = 0;
        boolean tooLong = false;
        while (true) {
            if (position == limit) {
                if (!fill()) {
                    if (length == 0 && !tooLong) {
                        return null;
                    }
                    break;
                }
            }
            int end = position;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            int chunk = end - position;
            if (!tooLong) {
                if (length + chunk > maxBytes) {
                    tooLong = true;
                } else {
                    if (length + chunk > line.length) {
                        line = Arrays.copyOf(line, Math.max(line.length * 2, length + chunk));
                    }
                    System.arraycopy(buffer, position, line, length, chunk);
                    length += chunk;
                }
            }
            position = end;
            if (end < limit) {
                position++; // the line feed
                break;
            }
        }
        number++;
        if (tooLong) {
            return new Line(number, null);
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        int start = number == 1 && length >= 3 && Arrays.equals(line, 0, 3, BOM, 0, 3) ? 3 : 0;
        return new Line(number, Arrays.copyOfRange(line, start, length));
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer);
        if (n < 0) {
            eof = true;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private static boolean blank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * One line of the file.
     *
     * @param number from 1, counting blank lines
     * @param bytes the line without its line break; null when it is longer than the limit
     */
    record Line(int number, byte[] bytes) {
    }
}
