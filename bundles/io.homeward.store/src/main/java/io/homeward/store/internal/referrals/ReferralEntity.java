package io.homeward.store.internal.referrals;

import io.homeward.casemodel.Attachment;
import io.homeward.casemodel.CaseType;
import io.homeward.casemodel.Sex;
import io.homeward.casemodel.referral.Referral;
import io.homeward.casemodel.referral.ReferralPack;
import io.homeward.casemodel.referral.ReferralStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A referral pack sent to a police agency (table {@code hw_referral}, V6): the pack's identifiers as they were
 * sent, and the agency's steps. Only the status columns ever change.
 */
@Entity
@Table(name = "hw_referral")
public class ReferralEntity {

    @Id
    private UUID id;

    @Column(name = "case_id", nullable = false, updatable = false)
    private UUID caseId;

    @Column(name = "agency", nullable = false, updatable = false)
    private String agency;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "status", nullable = false)
    private ReferralStatus status;

    @Column(name = "sent_by", nullable = false, updatable = false)
    private String sentBy;

    @Column(name = "sent_at", nullable = false, updatable = false)
    private Instant sentAt;

    @Column(name = "acknowledged_by")
    private String acknowledgedBy;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "acted_on_by")
    private String actedOnBy;

    @Column(name = "acted_on_at")
    private Instant actedOnAt;

    @Column(name = "case_number", nullable = false, updatable = false)
    private String caseNumber;

    @Column(name = "center_id", nullable = false, updatable = false)
    private String centerId;

    @Column(name = "center_name", nullable = false, updatable = false)
    private String centerName;

    @Column(name = "country", nullable = false, updatable = false)
    private String country;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "case_type", nullable = false, updatable = false)
    private CaseType caseType;

    @Column(name = "family_name", updatable = false)
    private String familyName;

    @Column(name = "given_name", updatable = false)
    private String givenName;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "sex", updatable = false)
    private Sex sex;

    @Column(name = "date_of_birth", updatable = false)
    private LocalDate dateOfBirth;

    @Column(name = "physical_description", updatable = false)
    private String physicalDescription;

    @Column(name = "photo_attachment_id", updatable = false)
    private UUID photoAttachmentId;

    @Column(name = "dna_profile", updatable = false)
    private String dnaProfile;

    @Column(name = "fingerprints", updatable = false)
    private String fingerprints;

    /** Codes of the identifiers missing when sent, comma-separated; the messages are derived from the codes. */
    @Column(name = "missing_codes", nullable = false, updatable = false)
    private String missingCodes;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected ReferralEntity() {
        // for Hibernate
    }

    ReferralEntity(UUID id, String agency, String sentBy, Instant sentAt, ReferralPack pack) {
        this.id = id;
        this.caseId = pack.caseId();
        this.agency = agency;
        this.status = ReferralStatus.SENT;
        this.sentBy = sentBy;
        this.sentAt = sentAt;
        this.caseNumber = pack.caseNumber();
        this.centerId = pack.centerId();
        this.centerName = pack.centerName();
        this.country = pack.country();
        this.caseType = pack.caseType();
        this.familyName = pack.familyName();
        this.givenName = pack.givenName();
        this.sex = pack.sex();
        this.dateOfBirth = pack.dateOfBirth();
        this.physicalDescription = pack.physicalDescription();
        this.photoAttachmentId = pack.photograph() == null ? null : pack.photograph().id();
        this.dnaProfile = pack.dnaProfile();
        this.fingerprints = pack.fingerprints();
        this.missingCodes = pack.missing().stream().map(m -> m.code()).collect(Collectors.joining(","));
    }

    UUID caseId() {
        return caseId;
    }

    ReferralStatus status() {
        return status;
    }

    UUID photoAttachmentId() {
        return photoAttachmentId;
    }

    /** Records the next step; the caller has checked that {@code next} is the status after the current. */
    void advance(ReferralStatus next, String actor, Instant at) {
        if (next == ReferralStatus.ACKNOWLEDGED) {
            acknowledgedBy = actor;
            acknowledgedAt = at;
        } else if (next == ReferralStatus.ACTED_ON) {
            actedOnBy = actor;
            actedOnAt = at;
        }
        status = next;
    }

    /** @param photograph the attachment {@link #photoAttachmentId()} names, or null */
    Referral toReferral(Attachment photograph) {
        ReferralPack pack = new ReferralPack(caseId, caseNumber, centerId, centerName, country, caseType, sentAt,
                familyName, givenName, sex, dateOfBirth, physicalDescription, photograph, dnaProfile, fingerprints,
                missingCodes.isEmpty() ? java.util.List.of() : Arrays.stream(missingCodes.split(","))
                        .map(YellowNotice::missing).toList());
        return new Referral(id, caseId, agency, status, sentBy, sentAt, acknowledgedBy, acknowledgedAt, actedOnBy,
                actedOnAt, pack);
    }
}
