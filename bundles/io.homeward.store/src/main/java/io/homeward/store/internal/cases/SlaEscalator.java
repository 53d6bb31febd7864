package io.homeward.store.internal.cases;

import io.homeward.casemodel.TimelineEvent;
import io.homeward.store.internal.caserecord.SideTimeline;
import io.homeward.store.internal.caserecord.SlaTimerEntity;
import io.homeward.store.internal.db.Database;
import java.time.Clock;
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
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Escalates overdue SLA timers: every {@link Configuration#intervalSeconds()} it looks for the unmet, not yet
 * escalated timers of open cases whose deadline passed, marks each escalated and appends an
 * {@link TimelineEvent#ESCALATED} event, by {@value #ACTOR}, to its case's timeline.
 *
 * <p><b>Several nodes.</b> Every node of a deployment runs this job on the shared database; the database decides
 * which node escalates a timer. Each timer is escalated in a transaction of its own that first locks its case's
 * row (as every change of a case does), then sets {@code escalated_at} with an UPDATE conditioned on it being
 * still unset: the node that comes second waits for the first to commit, finds it set, updates no row and
 * appends nothing.
 *
 * <p><b>The case version.</b> Escalating does not change {@link io.homeward.casemodel.Case#version()}. The version
 * is what staff base their changes on (HTTP If-Match); an escalation changes nothing they decide on — status,
 * fields, persons — and only records what the platform noticed. Bumping the version would make every pending
 * edit of an overdue case fail with a conflict the moment the platform escalates it, which is exactly when staff
 * are working on it. The row lock, not the version, keeps an escalation and a staff action from taking the same
 * timeline index.
 */
@Component(service = {}, configurationPid = SlaEscalator.PID)
@Designate(ocd = SlaEscalator.Configuration.class)
public final class SlaEscalator {

    /** Configuration PID (in a distribution: {@code etc/io.homeward.store.escalation.cfg}). */
    static final String PID = "io.homeward.store.escalation";

    /** Who the timeline names as the author of escalations. */
    static final String ACTOR = "platform";

    /** Timers handled per query; a backlog (after downtime) is worked off in several batches of one run. */
    private static final int BATCH = 200;

    private static final Logger LOG = LoggerFactory.getLogger(SlaEscalator.class);

    /** How often the job runs. */
    @ObjectClassDefinition(name = "Homeward SLA escalation",
            description = "How often the platform looks for overdue SLA timers to escalate.")
    public @interface Configuration {
        @AttributeDefinition(name = "Interval (seconds)", min = "1",
                description = "Time between two runs of the escalation job")
        long intervalSeconds() default 60;
    }

    private final Database database;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;

    /** Starts the job; the first run comes one interval after activation, when the platform is up. */
    @Activate
    public SlaEscalator(@Reference Database database, Configuration config) {
        this.database = database;
        this.clock = Clock.systemUTC();
        if (config.intervalSeconds() < 1) {
            throw new IllegalArgumentException("intervalSeconds must be at least 1, was " + config.intervalSeconds());
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "homeward-sla-escalation");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::run, config.intervalSeconds(), config.intervalSeconds(),
                TimeUnit.SECONDS);
        LOG.info("SLA escalation runs every {} s", config.intervalSeconds());
    }

    /** For tests: no schedule, they call {@link #escalateOverdue()}. */
    SlaEscalator(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.scheduler = null;
    }

    /** Stops the job, waiting briefly for a run in progress (its transaction commits or rolls back whole). */
    @Deactivate
    void stop() throws InterruptedException {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** One scheduled run; a failure is logged and the next run tries again. */
    private void run() {
        try {
            int escalated = escalateOverdue();
            if (escalated > 0) {
                LOG.info("Escalated {} overdue SLA timers", escalated);
            }
        } catch (RuntimeException e) {
            // the database's message may quote values: the kind of failure only
            LOG.error("SLA escalation run failed ({}{}); the next run tries again", e.getClass().getName(),
                    e instanceof JDBCException jdbc ? ", SQL state " + jdbc.getSQLState() : "");
        }
    }

    /**
     * Escalates every timer overdue now.
     *
     * @return how many timers this call escalated (those another node escalated meanwhile are not counted)
     */
    int escalateOverdue() {
        Instant now = clock.instant();
        int escalated = 0;
        List<Object[]> due;
        int escalatedInBatch;
        do {
            due = database.inTransaction(session -> session.createSelectionQuery("select c.id, t.id from CaseEntity c"
                    + " join c.slas t where c.closedAt is null and t.metAt is null and t.escalatedAt is null"
                    + " and t.deadline < :now order by t.deadline, t.id", Object[].class)
                    .setParameter("now", now).setMaxResults(BATCH).getResultList());
            escalatedInBatch = 0;
            for (Object[] timer : due) {
                if (escalate((UUID) timer[0], (UUID) timer[1], now)) {
                    escalatedInBatch++;
                }
            }
            escalated += escalatedInBatch;
            // a full batch that another node took entirely would come back the same: nothing left for us then
        } while (due.size() == BATCH && escalatedInBatch > 0);
        return escalated;
    }

    /** @return true when this call escalated the timer, false when it was met, closed or escalated meanwhile */
    private boolean escalate(UUID caseId, UUID timerId, Instant now) {
        return database.inTransaction(session -> {
            // the case's row first, as every change of a case: its event counter is ours until we commit
            if (!SideTimeline.lock(session, caseId, true)) {
                return false;
            }
            int updated = session.createNativeMutationQuery("update hw_sla_timer set escalated_at = :now,"
                    + " version = version + 1 where id = :id and escalated_at is null and met_at is null"
                    + " and deadline < :now")
                    .setParameter("now", now).setParameter("id", timerId).executeUpdate();
            if (updated == 0) {
                return false;
            }
            SlaTimerEntity timer = session.find(SlaTimerEntity.class, timerId);
            SideTimeline.append(session, caseId, now, ACTOR, TimelineEvent.ESCALATED, "SLA " + timer.slaId()
                    + " was due " + timer.deadline() + " and is not met; escalated to " + timer.escalateTo());
            return true;
        });
    }
}
