package io.homeward.store.internal.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link ImportLines} splits a file: numbering, blank lines, line breaks, byte order mark, long lines. */
class ImportLinesTest {

    @Test
    void linesAreNumberedFromOneCountingBlankLinesThatAreSkipped() throws IOException {
        List<ImportLines.Line> lines = read("\uFEFF{\"a\":1}\r\n\n  \r\n{\"b\":\"Μαρία\"}\n{\"c\":3}", 100);

        assertEquals(List.of(1, 4, 5), lines.stream().map(ImportLines.Line::number).toList());
        assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), lines.get(0).bytes(),
                "without the byte order mark and the carriage return");
        assertEquals("{\"b\":\"Μαρία\"}", new String(lines.get(1).bytes(), StandardCharsets.UTF_8));
        assertEquals("{\"c\":3}", new String(lines.get(2).bytes(), StandardCharsets.UTF_8), "the last line needs no"
                + " line break");
    }

    @Test
    void aLineLongerThanTheLimitComesWithoutItsBytesAndTheNextLineReadsAsUsual() throws IOException {
        String longLine = "x".repeat(200_000);
        List<ImportLines.Line> lines = read("{}\n" + longLine + "\n{\"after\":true}\n", 1000);

        assertEquals(List.of(1, 2, 3), lines.stream().map(ImportLines.Line::number).toList());
        assertNull(lines.get(1).bytes());
        assertEquals("{\"after\":true}", new String(lines.get(2).bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void anEmptyFileHasNoLines() throws IOException {
        assertEquals(List.of(), read("", 100));
        assertEquals(List.of(), read("\n\n", 100));
    }

    private static List<ImportLines.Line> read(String text, int maxBytes) throws IOException {
        ImportLines lines = new ImportLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), maxBytes);
        List<ImportLines.Line> all = new ArrayList<>();
        for (ImportLines.Line line; (line = lines.next()) != null;) {
            all.add(line);
        }
        return all;
    }
}
