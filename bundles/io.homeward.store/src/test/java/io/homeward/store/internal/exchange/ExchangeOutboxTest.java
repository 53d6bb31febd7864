package io.homeward.store.internal.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a partner's answer means for an outbox entry. */
class ExchangeOutboxTest {

    @Test
    void anAcceptedPackageIsDeliveredWithThePartnersNumber() {
        assertEquals(new ExchangeOutbox.Outcome.Delivered("CF-2026-00001"), ExchangeOutbox.outcome(201, null,
                bytes("{\"packageId\":\"x\",\"caseNumber\":\"CF-2026-00001\",\"duplicate\":false}")));
        assertEquals(new ExchangeOutbox.Outcome.Delivered("CF-2026-00001"), ExchangeOutbox.outcome(200, null,
                bytes("{\"caseNumber\":\"CF-2026-00001\",\"duplicate\":true}")), "received before");
    }

    @Test
    void aRefusalByTheReceiversHomewardIsFinalAndCarriesItsReason() {
        assertEquals(new ExchangeOutbox.Outcome.Refused("HTTP 403 BAD_SIGNATURE: the signature does not verify"),
                ExchangeOutbox.outcome(403, "BAD_SIGNATURE",
                        bytes("{\"status\":403,\"detail\":\"the signature does not verify\"}")));
        for (int status : new int[] {400, 403, 413, 415, 422}) {
            assertInstanceOf(ExchangeOutbox.Outcome.Refused.class, ExchangeOutbox.outcome(status, "MALFORMED",
                    bytes("")), "HTTP " + status);
        }
    }

    @Test
    void answersThatSayNothingAboutThePackageAreRetried() {
        for (int status : new int[] {404, 401, 408, 429, 500, 502, 503}) {
            assertInstanceOf(ExchangeOutbox.Outcome.Failed.class, ExchangeOutbox.outcome(status, null,
                    bytes("<html>")), "HTTP " + status);
        }
        assertInstanceOf(ExchangeOutbox.Outcome.Failed.class, ExchangeOutbox.outcome(200, null, bytes("{}")),
                "a success without the case number proves nothing");
        assertInstanceOf(ExchangeOutbox.Outcome.Failed.class, ExchangeOutbox.outcome(503, "MALFORMED", bytes("")),
                "only a 4xx is a refusal");
    }

    @Test
    void aRefusalStatusWithoutHomewardsMarkIsAProxysAndRetried() {
        // a WAF or proxy in front of the partner answers 403/413/400 with a problem body of its own: not final
        for (int status : new int[] {400, 403, 413, 415, 422}) {
            ExchangeOutbox.Outcome outcome = ExchangeOutbox.outcome(status, null,
                    bytes("{\"type\":\"about:blank\",\"status\":" + status + ",\"detail\":\"blocked by policy\"}"));
            assertInstanceOf(ExchangeOutbox.Outcome.Failed.class, outcome, "HTTP " + status);
            assertEquals("HTTP " + status + ": blocked by policy", ((ExchangeOutbox.Outcome.Failed) outcome).error());
        }
        assertInstanceOf(ExchangeOutbox.Outcome.Failed.class, ExchangeOutbox.outcome(403, " ", bytes("")),
                "an empty mark is none");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
