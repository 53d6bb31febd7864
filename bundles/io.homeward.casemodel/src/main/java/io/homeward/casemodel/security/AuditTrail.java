package io.homeward.casemodel.security;

import io.homeward.casemodel.CaseNotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The append-only, hash-chained record of every read of a case's personal data and every change: each row
 * stores the SHA-256 of the previous row's hash and its own content, so that a row edited, removed or inserted
 * in the database breaks the chain from there on. Appends are serialized by the database, so several nodes
 * append to one chain. Thread-safe.
 */
@ProviderType
public interface AuditTrail {

    /**
     * @return the audit entries of a case, oldest first; reading them is itself recorded
     * @throws AccessDeniedException without {@link Permission#CASE_AUDIT}
     * @throws CaseNotFoundException when the case does not exist or the subject's center cannot see it
     */
    List<AuditEntry> entries(UUID caseId);

    /**
     * Walks the whole chain.
     *
     * @throws AccessDeniedException without {@link Permission#PLATFORM_ADMIN}
     */
    Verification verify();

    /**
     * The outcome of {@link #verify()}.
     *
     * @param rows how many rows were checked
     * @param brokenAt the sequence of the first row whose link does not hold, or 0 when the chain is intact
     * @param brokenAtTime the time that row claims, or null
     * @param problem what is wrong with it, or null
     */
    record Verification(long rows, long brokenAt, Instant brokenAtTime, String problem) {
        /** @return true when every link holds */
        public boolean intact() {
            return brokenAt == 0;
        }
    }
}
