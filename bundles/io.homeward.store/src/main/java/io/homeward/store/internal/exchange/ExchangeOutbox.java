package io.homeward.store.internal.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeward.casemodel.exchange.ExchangeService;
import io.homeward.store.internal.caserecord.SideTimeline;
import io.homeward.store.internal.db.Database;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hibernate.JDBCException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: every {@link ExchangeConfiguration#intervalSeconds()} it posts each due
 * {@link io.homeward.casemodel.exchange.OutboxEntry.Status#PENDING} package to its partner. The partner's answer
 * decides: 2xx delivered (the partner's case number goes on the case's timeline), a refusal of the package by the
 * partner's Homeward ({@link #outcome}) refused for good (the reason goes on the timeline), anything else — no
 * connection, a timeout, 5xx, a 404 of a partner still starting, a 403 of a firewall — retried after
 * {@code retryBaseSeconds}, then twice as long each time, at most {@code retryMaxSeconds}, for as long as it takes.
 *
 * <p><b>Several nodes.</b> Every node runs this job on the shared database. A node takes an entry with an UPDATE
 * conditioned on the entry being pending and due, which also moves its next attempt beyond the longest an attempt
 * can take: the database lets one node take it, the others update no row and skip it. Should a node die while
 * delivering, the entry falls due again after that lease and another node delivers it; should the first node's
 * request have arrived anyway, the receiver's inbox answers the second with the same case (idempotent delivery).
 */
@Component(service = {}, configurationPid = ExchangeConfiguration.PID)
public final class ExchangeOutbox {

    /** How one attempt ended. */
    sealed interface Outcome {
        /** The partner acknowledged, with its case number. */
        record Delivered(String caseNumber) implements Outcome {
        }

        /** The partner refused the package; no retry. */
        record Refused(String reason) implements Outcome {
        }

        /** Not delivered this time; retried later. */
        record Failed(String error) implements Outcome {
        }
    }

    /** Carries a package to a partner; the HTTP one in production, others in tests. */
    @FunctionalInterface
    interface Transport {
        Outcome deliver(ExchangePartner partner, byte[] content, String signature);
    }

    /** The header that carries the Base64 signature of the request body. */
    static final String SIGNATURE_HEADER = "X-Homeward-Signature";

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeOutbox.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int BATCH = 100;

    private final Database database;
    private final ExchangeServiceImpl exchange;
    private final Transport transport;
    private final Clock clock;
    private final Duration retryBase;
    private final Duration retryMax;
    private final Duration lease;
    private final ScheduledExecutorService scheduler;

    @Activate
    public ExchangeOutbox(@Reference Database database, @Reference ExchangeServiceImpl exchange,
            ExchangeConfiguration config) {
        this(database, exchange, http(Duration.ofSeconds(config.timeoutSeconds())), Clock.systemUTC(), config);
        scheduler.scheduleWithFixedDelay(this::run, config.intervalSeconds(), config.intervalSeconds(),
                TimeUnit.SECONDS);
        LOG.info("Exchange outbox delivers every {} s", config.intervalSeconds());
    }

    /** For tests: no schedule, they call {@link #deliverDue()}. */
    ExchangeOutbox(Database database, ExchangeServiceImpl exchange, Transport transport, Clock clock,
            ExchangeConfiguration config) {
        if (config.intervalSeconds() < 1 || config.retryBaseSeconds() < 1 || config.retryMaxSeconds() < 1
                || config.timeoutSeconds() < 1) {
            throw new IllegalArgumentException("the exchange's intervals and timeouts must be at least 1 second");
        }
        this.database = database;
        this.exchange = exchange;
        this.transport = transport;
        this.clock = clock;
        this.retryBase = Duration.ofSeconds(config.retryBaseSeconds());
        this.retryMax = Duration.ofSeconds(config.retryMaxSeconds());
        // an attempt takes at most the connect timeout plus the request timeout
        this.lease = Duration.ofSeconds(2 * config.timeoutSeconds() + 60);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "homeward-exchange-outbox");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Deactivate
    void stop() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void run() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.error("Exchange outbox run failed ({}{}); the next run tries again", e.getClass().getName(),
                    e instanceof JDBCException jdbc ? ", SQL state " + jdbc.getSQLState() : "");
        }
    }

    /** @return how many entries this call attempted (delivered, refused or failed) */
    int deliverDue() {
        Instant now = clock.instant();
        List<UUID> due = database.inTransaction(session -> session.createSelectionQuery("select o.packageId from"
                + " ExchangeOutboxEntity o where o.status = io.homeward.casemodel.exchange.OutboxEntry.Status.PENDING"
                + " and o.nextAttemptAt <= :now order by o.nextAttemptAt", UUID.class)
                .setParameter("now", now).setMaxResults(BATCH).getResultList());
        int attempted = 0;
        for (UUID packageId : due) {
            if (claim(packageId, now)) {
                attempt(packageId);
                attempted++;
            }
        }
        return attempted;
    }

    /** @return whether this node took the entry for one attempt */
    private boolean claim(UUID packageId, Instant now) {
        return database.inTransaction(session -> session.createNativeMutationQuery("update hw_exchange_outbox set"
                + " attempts = attempts + 1, next_attempt_at = :leaseEnd where package_id = :id and status = 'PENDING'"
                + " and next_attempt_at <= :now").setParameter("leaseEnd", now.plus(lease))
                .setParameter("id", packageId).setParameter("now", now).executeUpdate() == 1);
    }

    private void attempt(UUID packageId) {
        ExchangeOutboxEntity entry = exchange.entry(packageId).orElseThrow();
        Outcome outcome = exchange.partner(entry.partnerId())
                .map(partner -> transport.deliver(partner, entry.content().getBytes(
                        java.nio.charset.StandardCharsets.UTF_8), entry.signature()))
                .orElseGet(() -> new Outcome.Failed("partner " + entry.partnerId() + " is no longer configured"));
        Instant now = clock.instant();
        String actor = ExchangeServiceImpl.actorOf(entry.partnerId());
        if (outcome instanceof Outcome.Delivered delivered) {
            finish(entry, "DELIVERED", delivered.caseNumber(), null, now, ExchangeService.DELIVERED, actor,
                    "partner " + entry.partnerId() + " received package " + packageId + " as its case "
                    + delivered.caseNumber());
        } else if (outcome instanceof Outcome.Refused refused) {
            finish(entry, "REFUSED", null, refused.reason(), now, ExchangeService.REFUSED, actor, "partner "
                    + entry.partnerId() + " refused package " + packageId + ": " + refused.reason());
        } else {
            String error = ((Outcome.Failed) outcome).error();
            Instant next = now.plus(backoff(entry.attempts()));
            database.inTransaction(session -> session.createNativeMutationQuery("update hw_exchange_outbox set"
                    + " next_attempt_at = :next, last_error = :error where package_id = :id and status = 'PENDING'")
                    .setParameter("next", next).setParameter("error", truncated(error))
                    .setParameter("id", packageId).executeUpdate());
            LOG.info("Package {} for exchange partner {} not delivered (attempt {}: {}); next attempt at {}",
                    packageId, entry.partnerId(), entry.attempts(), error, next);
        }
    }

    private void finish(ExchangeOutboxEntity entry, String status, String partnerCaseNumber, String error, Instant now,
            String kind, String actor, String note) {
        boolean finished = database.inTransaction(session -> {
            // the case's row first, as when the package was queued: one lock order
            SideTimeline.lock(session, entry.caseId(), false);
            int updated = session.createNativeMutationQuery("update hw_exchange_outbox set status = :status,"
                    + " partner_case_number = :number, last_error = :error, finished_at = :now, next_attempt_at = null"
                    + " where package_id = :id and status = 'PENDING'").setParameter("status", status)
                    .setParameter("number", partnerCaseNumber).setParameter("error", truncated(error))
                    .setParameter("now", now).setParameter("id", entry.packageId()).executeUpdate();
            // another node finished it meanwhile (after our lease ran out): its event is on the timeline
            if (updated == 1) {
                SideTimeline.append(session, entry.caseId(), now, actor, kind, note);
            }
            return updated == 1;
        });
        if (finished) {
            LOG.info("Package {} for exchange partner {}: {}", entry.packageId(), entry.partnerId(), status);
        }
    }

    /** @return the wait after the given number of failed attempts: base, 2 base, 4 base, ..., at most max */
    Duration backoff(int attempts) {
        Duration wait = retryBase.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 30));
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }

    private static String truncated(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 997) + "...";
    }

    /** Posts the package to the partner's {@code /api/v1/exchange/packages}. */
    static Transport http(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        return (partner, content, signature) -> {
            if (partner.packagesEndpoint() == null) {
                return new Outcome.Failed("partner " + partner.id() + " has no url: send the package as files"
                        + " (exchange:export)");
            }
            HttpRequest request = HttpRequest.newBuilder(partner.packagesEndpoint()).timeout(timeout)
                    .header("Content-Type", "application/json").header(SIGNATURE_HEADER, signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build();
            HttpResponse<byte[]> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                return new Outcome.Failed("no answer from " + partner.packagesEndpoint() + " ("
                        + e.getClass().getSimpleName() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome.Failed("interrupted: the platform is stopping");
            }
            return outcome(response.statusCode(), response.headers().firstValue(ExchangeService.REFUSAL_HEADER)
                    .orElse(null), response.body());
        };
    }

    /**
     * What the partner's answer means. A 4xx that carries {@link ExchangeService#REFUSAL_HEADER} is the partner's
     * Homeward having read the package and refused it (malformed, addressed elsewhere, unknown sender, bad signature,
     * no case can be opened from it): final. Any other answer — a 404 of a partner still starting or behind a
     * misrouted proxy, a 403 or 413 of a firewall, 401, 408, 429, 5xx — says nothing about the package: retried,
     * with the answer in {@code lastError} for the operator.
     *
     * @param refusal the value of the refusal header, or null when the answer has none
     */
    static Outcome outcome(int status, String refusal, byte[] body) {
        JsonNode answer;
        try {
            answer = MAPPER.readTree(body);
        } catch (IOException e) {
            answer = null;
        }
        if (status >= 200 && status < 300) {
            JsonNode number = answer == null ? null : answer.get("caseNumber");
            return number != null && number.isTextual() ? new Outcome.Delivered(number.asText())
                    : new Outcome.Failed("HTTP " + status + " without the case number");
        }
        String detail = answer != null && answer.path("detail").isTextual() ? ": " + answer.get("detail").asText() : "";
        if (status >= 400 && status < 500 && refusal != null && !refusal.isBlank()) {
            return new Outcome.Refused("HTTP " + status + " " + refusal.strip() + detail);
        }
        return new Outcome.Failed("HTTP " + status + detail);
    }
}
