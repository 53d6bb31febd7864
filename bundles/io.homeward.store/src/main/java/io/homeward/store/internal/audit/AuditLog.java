package io.homeward.store.internal.audit;

import io.homeward.casemodel.CaseNotFoundException;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.security.AccessDeniedException;
import io.homeward.casemodel.security.AuditEntry;
import io.homeward.casemodel.security.AuditTrail;
import io.homeward.casemodel.security.Permission;
import io.homeward.casemodel.security.Subject;
import io.homeward.casemodel.security.SubjectContext;
import io.homeward.store.internal.caserecord.CaseAccess;
import io.homeward.store.internal.db.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The audit trail in table {@code hw_audit}: append-only (this class is the only writer and has no update or
 * delete of it) and hash-chained. Each row stores {@code row_hash = SHA-256(prev_hash "\n" content)}, where
 * {@code prev_hash} is the previous row's hash (64 zeros before the first) and {@code content} the row's fields,
 * each length-prefixed so that no two rows share one (see {@link #hash}).
 *
 * <p><b>Several nodes.</b> An append first locks the single row of {@code hw_audit_head} ({@code SELECT ... FOR
 * UPDATE}), which holds the last sequence number and hash: appends queue in the database whichever node makes
 * them, and each links to the one committed before it. The lock is held until the appending transaction ends, so
 * appends are kept short and done at the end of a transaction.
 */
@Component(service = {AuditLog.class, AuditTrail.class})
public final class AuditLog implements AuditTrail {

    public static final String GENESIS = "0".repeat(64);
    /** Rows read per query while verifying. */
    private static final int BATCH = 1000;

    private final Database database;
    private final CaseAccess access;
    private final Clock clock;

    @Activate
    public AuditLog(@Reference Database database, @Reference CenterRegistry centers) {
        this(database, new CaseAccess(database, centers, Clock.systemUTC()), Clock.systemUTC());
    }

    public AuditLog(Database database, CaseAccess access, Clock clock) {
        this.database = database;
        this.access = access;
        this.clock = clock;
    }

    /**
     * Appends a row within the caller's transaction: it commits or rolls back with what it records.
     *
     * @param caseId may be null
     * @param detail never null
     */
    public void append(Session session, String actor, String action, UUID caseId, String detail) {
        session.doWork(connection -> append(connection, actor, action, caseId, detail));
    }

    /**
     * Appends rows within the caller's transaction, in order, each linked to the one before as {@link #append} would
     * link them one by one, locking the head once for all of them: for writes of many cases at once (the bulk
     * import), which record one row per case.
     */
    public void appendAll(Session session, List<Entry> entries) {
        if (!entries.isEmpty()) {
            session.doWork(connection -> append(connection, entries));
        }
    }

    /** Appends a row in a transaction of its own. */
    public void append(String actor, String action, UUID caseId, String detail) {
        database.inTransaction(session -> {
            append(session, actor, action, caseId, detail);
            return null;
        });
    }

    private void append(Connection connection, String actor, String action, UUID caseId, String detail)
            throws SQLException {
        append(connection, List.of(new Entry(actor, action, caseId, detail)));
    }

    private void append(Connection connection, List<Entry> entries) throws SQLException {
        long seq;
        String previous;
        try (PreparedStatement head = connection.prepareStatement(
                "select last_seq, last_hash from hw_audit_head where id = 1 for update");
                ResultSet rs = head.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("the audit trail has no head row: migration V4 did not run");
            }
            seq = rs.getLong(1);
            previous = rs.getString(2);
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into hw_audit (seq, occurred_at, actor,"
                + " action, case_id, detail, prev_hash, row_hash) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Entry entry : entries) {
                seq++;
                // the database keeps microseconds: hash what it will give back
                Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
                String hash = hash(previous, seq, at, entry.actor(), entry.action(), entry.caseId(), entry.detail());
                insert.setLong(1, seq);
                insert.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                insert.setString(3, entry.actor());
                insert.setString(4, entry.action());
                insert.setObject(5, entry.caseId());
                insert.setString(6, entry.detail());
                insert.setString(7, previous);
                insert.setString(8, hash);
                insert.addBatch();
                previous = hash;
            }
            insert.executeBatch();
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update hw_audit_head set last_seq = ?, last_hash = ? where id = 1")) {
            update.setLong(1, seq);
            update.setString(2, previous);
            update.executeUpdate();
        }
    }

    /**
     * The link of one row: the hex SHA-256 of the previous hash, a newline, and each field as its length in
     * characters, a colon and the field (a null case id is the empty string).
     */
    public static String hash(String previous, long seq, Instant at, String actor, String action, UUID caseId,
            String detail) {
        StringBuilder content = new StringBuilder(previous).append('\n');
        for (String field : new String[] {Long.toString(seq), at.toString(), actor, action,
                caseId == null ? "" : caseId.toString(), detail}) {
            content.append(field.length()).append(':').append(field).append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public List<AuditEntry> entries(UUID caseId) {
        Subject subject = SubjectContext.require();
        if (!subject.may(Permission.CASE_AUDIT)) {
            throw new AccessDeniedException("reading the audit trail of a case needs the supervisor role");
        }
        if (!access.visible(subject, caseId)) {
            throw new CaseNotFoundException(caseId);
        }
        return database.inTransaction(session -> {
            List<AuditEntry> entries = new ArrayList<>();
            session.doWork(connection -> {
                try (PreparedStatement query = connection.prepareStatement("select seq, occurred_at, actor, action,"
                        + " case_id, detail from hw_audit where case_id = ? order by seq")) {
                    query.setObject(1, caseId);
                    try (ResultSet rs = query.executeQuery()) {
                        while (rs.next()) {
                            entries.add(new AuditEntry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                                    rs.getString(3), rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6)));
                        }
                    }
                }
            });
            // who looked at the trail is part of the trail
            append(session, subject.username(), "AUDIT_READ", caseId, entries.size() + " entries");
            return entries;
        });
    }

    @Override
    public Verification verify() {
        Subject subject = SubjectContext.require();
        if (!subject.may(Permission.PLATFORM_ADMIN)) {
            throw new AccessDeniedException("verifying the audit trail needs the platform administrator role");
        }
        long expected = 1;
        String previous = GENESIS;
        while (true) {
            List<Row> rows = batch(expected - 1);
            for (Row row : rows) {
                if (row.seq() != expected) {
                    return new Verification(expected - 1, expected, row.at(), "row " + expected
                            + " is missing (the next row is " + row.seq() + ")");
                }
                if (!row.previous().equals(previous)) {
                    return new Verification(expected - 1, row.seq(), row.at(), "row " + row.seq()
                            + " does not link to row " + (row.seq() - 1) + ": one of them was changed");
                }
                if (!row.hash().equals(hash(previous, row.seq(), row.at(), row.actor(), row.action(), row.caseId(),
                        row.detail()))) {
                    return new Verification(expected - 1, row.seq(), row.at(), "row " + row.seq()
                            + " was changed after it was written: its content does not match its hash");
                }
                previous = row.hash();
                expected++;
            }
            if (rows.size() < BATCH) {
                break;
            }
        }
        long rows = expected - 1;
        String lastHash = previous;
        Object[] head = database.inTransaction(session -> session.createNativeQuery(
                "select last_seq, last_hash from hw_audit_head where id = 1", Object[].class).getSingleResult());
        if (((Number) head[0]).longValue() != rows || !lastHash.equals(head[1])) {
            return new Verification(rows, rows + 1, null, "the chain ends at row " + rows + " but its head records row "
                    + head[0] + ": rows at the end were removed or replaced");
        }
        return new Verification(rows, 0, null, null);
    }

    private List<Row> batch(long after) {
        return database.inTransaction(session -> {
            List<Row> rows = new ArrayList<>();
            session.doWork(connection -> {
                try (PreparedStatement query = connection.prepareStatement("select seq, occurred_at, actor, action,"
                        + " case_id, detail, prev_hash, row_hash from hw_audit where seq > ? order by seq")) {
                    query.setLong(1, after);
                    query.setMaxRows(BATCH);
                    try (ResultSet rs = query.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new Row(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                                    rs.getString(3), rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6),
                                    rs.getString(7), rs.getString(8)));
                        }
                    }
                }
            });
            return rows;
        });
    }

    /**
     * One row to append.
     *
     * @param actor never null
     * @param action never null
     * @param caseId may be null
     * @param detail never null
     */
    public record Entry(String actor, String action, UUID caseId, String detail) {
    }

    private record Row(long seq, Instant at, String actor, String action, UUID caseId, String detail,
            String previous, String hash) {
    }
}
