package io.homeward.casemodel.referral;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A referral pack sent to a police agency, and how far the agency has taken it. Each step keeps who recorded it
 * and when; the case's timeline has the same steps with their notes.
 *
 * @param id never null
 * @param caseId never null
 * @param agency the police agency it was sent to, e.g. {@code Federal Police DSU}; never blank
 * @param status never null
 * @param sentBy never null
 * @param sentAt never null
 * @param acknowledgedBy null until {@link ReferralStatus#ACKNOWLEDGED}
 * @param acknowledgedAt null until {@link ReferralStatus#ACKNOWLEDGED}
 * @param actedOnBy null until {@link ReferralStatus#ACTED_ON}
 * @param actedOnAt null until {@link ReferralStatus#ACTED_ON}
 * @param pack the pack as it was sent, with what was missing then; never null
 */
public record Referral(UUID id, UUID caseId, String agency, ReferralStatus status, String sentBy, Instant sentAt,
        String acknowledgedBy, Instant acknowledgedAt, String actedOnBy, Instant actedOnAt, ReferralPack pack) {
    public Referral {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(pack, "pack");
    }
}
