package io.homeward.store.internal.alerts;

import io.homeward.casemodel.HealthCheck;
import io.homeward.casemodel.alert.AlertChannel;
import io.homeward.casemodel.alert.AlertMessage;
import io.homeward.casemodel.alert.ChannelStatus;
import io.homeward.store.internal.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hibernate.JDBCException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes CAP messages through the registered {@link AlertChannel}s from the outbox table {@code hw_alert_delivery}:
 * every {@link Configuration#intervalSeconds()} it takes the deliveries that are due and hands each channel its own
 * on a thread of that channel's own, so a slow or failing channel never holds up another. A failed delivery is tried
 * again after {@code retryBaseSeconds × 2^(attempts−1)}, at most {@code retryMaxSeconds}, until it succeeds; the
 * channel shows as failing meanwhile ({@link #channels()}, {@code /health}). A delivery that takes longer than
 * {@link Configuration#deliveryTimeoutSeconds()} counts as failed, so a hung channel never stays busy.
 *
 * <p><b>Several nodes.</b> Every node runs this job on the shared database. A node claims a delivery with an UPDATE
 * that moves its {@code next_attempt_at} forward by the lease ({@code leaseSeconds}) and counts the attempt,
 * conditioned on {@code next_attempt_at} still holding the value the node read: of two nodes, the second updates
 * no row and leaves the delivery alone. A node that dies while delivering leaves the row to be claimed again once
 * the lease is over; a message may then reach a channel twice, which CAP receivers handle by its identifier.
 *
 * <p><b>Order.</b> A delivery is claimed only when every earlier message of its alert has been delivered to that
 * channel: a channel that was down while an alert was issued and cancelled gets the Alert, then the Cancel.
 */
// immediate: distribution runs from the start, whether or not anything asks for the service yet
@Component(service = {AlertDispatcher.class, HealthCheck.class}, configurationPid = AlertDispatcher.PID, immediate = true)
@Designate(ocd = AlertDispatcher.Configuration.class)
public final class AlertDispatcher implements HealthCheck {

    /** Configuration PID (in a distribution: {@code etc/io.homeward.store.alerts.cfg}). */
    static final String PID = "io.homeward.store.alerts";

    /** Deliveries read per run. */
    private static final int BATCH = 100;
    private static final int ERROR_LENGTH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

    /** How often the outbox is worked, and how failed deliveries back off. */
    @ObjectClassDefinition(name = "Homeward alert distribution",
            description = "How CAP messages are pushed through the alert channels, and retried.")
    public @interface Configuration {
        @AttributeDefinition(name = "Interval (seconds)", min = "1", description = "Time between two runs")
        long intervalSeconds() default 5;

        @AttributeDefinition(name = "First retry (seconds)", min = "1",
                description = "Wait after the first failure; it doubles with each further failure")
        long retryBaseSeconds() default 10;

        @AttributeDefinition(name = "Longest wait (seconds)", min = "1", description = "Most time between two attempts")
        long retryMaxSeconds() default 900;

        @AttributeDefinition(name = "Lease (seconds)", min = "1",
                description = "How long a claimed delivery is left to its node before another node may try it")
        long leaseSeconds() default 120;

        @AttributeDefinition(name = "Delivery time limit (seconds)", min = "1",
                description = "How long a channel may take to deliver one message before the attempt counts as"
                        + " failed; keep it below the lease")
        long deliveryTimeoutSeconds() default 60;
    }

    private final Database database;
    private final Clock clock;
    private final Configuration config;
    private final Map<String, AlertChannel> channels = new ConcurrentHashMap<>();
    /** Channels with a delivery run in progress on this node: one at a time per channel. */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final ExecutorService deliveries = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "homeward-alert-delivery");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService scheduler;

    @Activate
    public AlertDispatcher(@Reference Database database, Configuration config) {
        this(database, config, Clock.systemUTC(), true);
        LOG.info("Alert distribution runs every {} s", config.intervalSeconds());
    }

    /** @param scheduled false for tests, which call {@link #dispatch()} */
    AlertDispatcher(Database database, Configuration config, Clock clock, boolean scheduled) {
        this.database = database;
        this.config = config;
        this.clock = clock;
        if (!scheduled) {
            this.scheduler = null;
            return;
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "homeward-alert-dispatch");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::run, config.intervalSeconds(), config.intervalSeconds(),
                TimeUnit.SECONDS);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + AlertChannel.NAME_PROPERTY + "=*)")
    void addChannel(AlertChannel channel, Map<String, Object> properties) {
        String name = String.valueOf(properties.get(AlertChannel.NAME_PROPERTY));
        if (channels.putIfAbsent(name, channel) != null) {
            LOG.warn("A second alert channel named {} was registered; it is ignored", name);
        }
    }

    void removeChannel(AlertChannel channel, Map<String, Object> properties) {
        channels.remove(String.valueOf(properties.get(AlertChannel.NAME_PROPERTY)), channel);
    }

    /** Stops the job; deliveries in progress finish or are retried after their lease. */
    @Deactivate
    void stop() throws InterruptedException {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        }
        deliveries.shutdownNow();
    }

    /** @return the names of the channels registered now: a new message is queued for each */
    Set<String> channelNames() {
        return Set.copyOf(channels.keySet());
    }

    private void run() {
        try {
            dispatch();
        } catch (RuntimeException e) {
            LOG.error("Alert distribution run failed ({}{}); the next run tries again", e.getClass().getName(),
                    e instanceof JDBCException jdbc ? ", SQL state " + jdbc.getSQLState() : "");
        }
    }

    /**
     * Hands the due deliveries of each registered channel that is not busy to a thread of that channel.
     *
     * @return the channels' delivery runs started, for tests to wait on
     */
    List<Future<?>> dispatch() {
        Instant now = clock.instant();
        List<Object[]> due = database.inTransaction(session -> session.createSelectionQuery(
                "select d.id, d.channel, d.nextAttemptAt from AlertDeliveryEntity d where d.deliveredAt is null"
                        + " and d.nextAttemptAt <= :now order by d.nextAttemptAt, d.id", Object[].class)
                .setParameter("now", now).setMaxResults(BATCH).getResultList());
        Map<String, List<Due>> byChannel = new LinkedHashMap<>();
        for (Object[] row : due) {
            String channel = (String) row[1];
            if (channels.containsKey(channel)) {
                byChannel.computeIfAbsent(channel, c -> new ArrayList<>()).add(new Due((UUID) row[0], (Instant) row[2]));
            }
        }
        List<Future<?>> started = new ArrayList<>();
        byChannel.forEach((channel, rows) -> {
            if (busy.add(channel)) {
                try {
                    started.add(deliveries.submit(() -> deliverAll(channel, rows)));
                } catch (RuntimeException e) {
                    busy.remove(channel);
                    throw e;
                }
            }
        });
        return started;
    }

    /** One channel's run: its deliveries in order, stopping at the first failure (the rest would likely fail too). */
    private void deliverAll(String channelName, List<Due> rows) {
        try {
            for (Due row : rows) {
                AlertChannel channel = channels.get(channelName);
                if (channel == null || !deliver(channelName, channel, row)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Alert channel {}: delivery run failed ({})", channelName, e.getClass().getName());
        } finally {
            busy.remove(channelName);
        }
    }

    /** @return true when delivered, or claimed by another node; false when the channel failed */
    private boolean deliver(String channelName, AlertChannel channel, Due row) {
        Instant claimedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Object[] message = database.inTransaction(session -> {
            // a channel gets an alert's messages in their order: never an Update or a Cancel before the Alert it
            // refers to, even when the Alert is waiting out a backoff
            int claimed = session.createNativeMutationQuery("update hw_alert_delivery set attempts = attempts + 1,"
                    + " next_attempt_at = :lease where id = :id and delivered_at is null and next_attempt_at = :seen"
                    + " and not exists (select 1 from hw_alert_delivery e, hw_alert_message em, hw_alert_message m"
                    + " where m.id = hw_alert_delivery.message_id and em.alert_id = m.alert_id"
                    + " and em.item_no < m.item_no and e.message_id = em.id"
                    + " and e.channel = hw_alert_delivery.channel and e.delivered_at is null)")
                    .setParameter("lease", claimedAt.plusSeconds(config.leaseSeconds())).setParameter("id", row.id())
                    .setParameter("seen", row.nextAttemptAt()).executeUpdate();
            if (claimed == 0) {
                return null;
            }
            AlertDeliveryEntity delivery = session.find(AlertDeliveryEntity.class, row.id());
            AlertMessageEntity entity = session.find(AlertMessageEntity.class, delivery.toDelivery().messageId());
            return new Object[] {entity.toMessage(), entity.cap(), delivery.toDelivery().attempts()};
        });
        if (message == null) {
            return true;
        }
        String error = null;
        // on a thread of its own, so that a channel that hangs fails this attempt at the time limit and its run ends
        // (the channel is free for the next run) instead of keeping the channel busy forever
        Future<?> call = deliveries.submit(() -> {
            channel.deliver((AlertMessage) message[0], (byte[]) message[1]);
            return null;
        });
        try {
            call.get(config.deliveryTimeoutSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // interrupted: ends a channel that waits or does interruptible I/O; one that ignores it keeps only its thread
            call.cancel(true);
            error = "no answer within " + config.deliveryTimeoutSeconds() + " s";
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            error = "interrupted while delivering";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String text = cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            error = text.length() > ERROR_LENGTH ? text.substring(0, ERROR_LENGTH) : text;
        }
        Instant done = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int attempts = (int) message[2];
        String failure = error;
        database.inTransaction(session -> failure == null
                ? session.createNativeMutationQuery("update hw_alert_delivery set delivered_at = :now,"
                        + " next_attempt_at = null, last_error = null where id = :id")
                        .setParameter("now", done).setParameter("id", row.id()).executeUpdate()
                : session.createNativeMutationQuery("update hw_alert_delivery set next_attempt_at = :next,"
                        + " last_error = :error where id = :id and delivered_at is null")
                        .setParameter("next", done.plus(backoff(attempts))).setParameter("error", failure)
                        .setParameter("id", row.id()).executeUpdate());
        if (failure != null) {
            // the channel's message may quote its endpoint, never alert content: the channel's name is enough here
            LOG.warn("Alert channel {}: delivery of message {} failed (attempt {}); retried in {} s", channelName,
                    ((AlertMessage) message[0]).id(), attempts,
                    backoff(attempts).toSeconds());
            return false;
        }
        LOG.info("Alert channel {}: message {} delivered", channelName,
                ((AlertMessage) message[0]).id());
        return true;
    }

    /** @return the wait after the given number of failed attempts: doubling from the base, capped */
    Duration backoff(int attempts) {
        long seconds = config.retryBaseSeconds() << Math.min(Math.max(attempts - 1, 0), 30);
        return Duration.ofSeconds(Math.min(seconds, config.retryMaxSeconds()));
    }

    /** @return every channel registered or with deliveries on record, by name; counted in the database */
    List<ChannelStatus> channels() {
        return database.inTransaction(session -> {
            Map<String, ChannelStatus> byName = new TreeMap<>();
            for (Object[] row : session.createSelectionQuery("select d.channel, count(d),"
                    + " sum(case when d.deliveredAt is null then 0 else 1 end),"
                    + " sum(case when d.deliveredAt is null and d.lastError is not null then 1 else 0 end)"
                    + " from AlertDeliveryEntity d group by d.channel", Object[].class).getResultList()) {
                String name = (String) row[0];
                int all = ((Number) row[1]).intValue();
                int delivered = ((Number) row[2]).intValue();
                int failing = ((Number) row[3]).intValue();
                String lastError = failing == 0 ? null : session.createSelectionQuery("select d.lastError from"
                        + " AlertDeliveryEntity d where d.channel = :channel and d.deliveredAt is null"
                        + " and d.lastError is not null order by d.nextAttemptAt desc", String.class)
                        .setParameter("channel", name).setMaxResults(1).getSingleResult();
                byName.put(name, new ChannelStatus(name, channels.containsKey(name), all - delivered, failing,
                        delivered, lastError));
            }
            channels.keySet().forEach(name -> byName.putIfAbsent(name, new ChannelStatus(name, true, 0, 0, 0, null)));
            return List.copyOf(byName.values());
        });
    }

    @Override
    public String name() {
        return "alert-channels";
    }

    /** A failing channel degrades alert distribution, not the platform: healthy, with the failing channels named. */
    @Override
    public Result check() {
        List<ChannelStatus> all = channels();
        List<String> failing = all.stream().filter(c -> !c.healthy() && c.pending() > 0)
                // /health is open to all: names and counts only, the errors are in the API (GET /api/v1/alerts/channels)
                .map(c -> c.channel() + (c.registered() ? " failing (" + c.failing() + " undelivered)"
                        : " not registered (" + c.pending() + " undelivered)"))
                .toList();
        return new Result(true, failing.isEmpty() ? all.size() + " channel(s) delivering"
                : "DEGRADED: " + String.join("; ", failing));
    }

    private record Due(UUID id, Instant nextAttemptAt) {
    }
}
