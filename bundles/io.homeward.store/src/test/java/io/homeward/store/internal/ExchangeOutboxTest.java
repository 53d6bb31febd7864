package io.homeward.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a partner's answer means for an outbox entry. */
class ExchangeOutboxTest {

    @Test
    void anAcceptedPackageIsDeliveredWithThePartnersNumber() {
        assertEquals(new ExchangeOutbox.Outcome.Delivered("CF-2026-00001"), ExchangeOutbox.outcome(201,
                bytes("{\"packageId\":\"x\",\"caseNumber\":\"CF-2026-00001\",\"duplicate\":false}")));
        assertEquals(new ExchangeOutbox.Outcome.Delivered("CF-2026-00001"), ExchangeOutbox.outcome(200,
                bytes("{\"caseNumber\":\"CF-2026-00001\",\"duplicate\":true}")), "received before");
    }

    @Test
    void aRefusalOfThePackageIsFinalAndCarriesTheReceiversReason() {
        assertEquals(new ExchangeOutbox.Outcome.Refused("HTTP 403: the signature does not verify"),
                ExchangeOutbox.outcome(403, bytes("{\"status\":403,\"detail\":\"the signature does not verify\"}")));
        for (int status : new int[] {400, 413, 415, 422}) {
            assertInstanceOf(ExchangeOutbox.Outcome.Refused.class, ExchangeOutbox.outcome(status, bytes("")));
        }
    }

    @Test
    void answersThatSayNothingAboutThePackageAreRetried() {
        for (int status : new int[] {404, 401, 408, 429, 500, 502, 503}) {
            assertInstanceOf(ExchangeOutbox.Outcome.Failed.class, ExchangeOutbox.outcome(status, bytes("<html>")),
                    "HTTP " + status);
        }
        assertInstanceOf(ExchangeOutbox.Outcome.Failed.class, ExchangeOutbox.outcome(200, bytes("{}")),
                "a success without the case number proves nothing");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
