package io.homeward.store.internal.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeward.casemodel.center.Center;
import io.homeward.store.internal.TestCenters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** CAP's own spellings, which a generic formatter gets wrong. */
class CapWriterTest {

    @Test
    void capTimesHaveSecondsAndANumericOffsetAndUtcIsMinusZero() {
        Instant at = Instant.parse("2026-11-28T09:15:30.123456Z");
        assertEquals("2026-11-28T10:15:30+01:00", CapWriter.time(at, center(ZoneId.of("Europe/Brussels"))));
        assertEquals("2026-11-28T11:15:30+02:00", CapWriter.time(at, center(ZoneId.of("Europe/Athens"))));
        assertEquals("2026-11-28T09:15:30-00:00", CapWriter.time(at, center(ZoneId.of("UTC"))),
                "CAP 1.2: UTC is -00:00, never Z or +00:00");
    }

    @Test
    void theSentOfAStoredMessageIsReadAsWrittenForLaterReferences() {
        byte[] stored = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><alert xmlns=\"" + CapWriter.NAMESPACE + "\">"
                + "<identifier>x</identifier><sender>s</sender><sent>2026-11-28T10:00:00+01:00</sent></alert>")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("2026-11-28T10:00:00+01:00", CapWriter.sent(stored), "not re-rendered in another zone");
    }

    @Test
    void theResourceDigestIsSha1InHex() {
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", CapWriter.sha1("abc".getBytes(StandardCharsets.UTF_8)));
    }

    private static Center center(ZoneId zone) {
        Center test = TestCenters.testCenter(TestCenters.missingV1());
        return new Center(test.id(), test.name(), test.country(), zone, test.languages(), test.hotlines(),
                test.caseNumbers(), test.fields(), test.categories(), test.workflows(), test.alertCriteria(),
                test.sections(), test.hub(), test.plugin());
    }
}
