package io.homeward.store.internal.alerts;

import io.homeward.casemodel.alert.Alert;
import io.homeward.casemodel.alert.AlertDecision;
import io.homeward.casemodel.alert.AlertMessage;
import io.homeward.casemodel.alert.AlertStatus;
import io.homeward.casemodel.alert.CriterionResult;
import io.homeward.casemodel.center.AlertPlan;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

/** A child abduction alert of a case (table {@code hw_alert}) with the evidence of its request and decision. */
@Entity
@Table(name = "hw_alert")
public class AlertEntity {

    @Id
    private UUID id;

    @Column(name = "case_id", nullable = false)
    private UUID caseId;

    @Column(name = "center_id", nullable = false)
    private String centerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private AlertStatus status;

    @Column(name = "requested_by", nullable = false)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "request_reason", nullable = false)
    private String requestReason;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decision_reasons")
    private String decisionReasons;

    @Enumerated(EnumType.STRING)
    @Column(name = "urgency")
    private AlertDecision.Urgency urgency;

    @Enumerated(EnumType.STRING)
    @Column(name = "severity")
    private AlertDecision.Severity severity;

    @Enumerated(EnumType.STRING)
    @Column(name = "certainty")
    private AlertDecision.Certainty certainty;

    /** The image attachment of the case its messages show, chosen at the issue; null for none. */
    @Column(name = "photo_attachment_id")
    private UUID photoId;

    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SELECT)
    @CollectionTable(name = "hw_alert_request_evidence", joinColumns = @JoinColumn(name = "alert_id"))
    @OrderColumn(name = "item_no")
    private List<AlertEvidenceRow> requestEvidence = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SELECT)
    @CollectionTable(name = "hw_alert_decision_evidence", joinColumns = @JoinColumn(name = "alert_id"))
    @OrderColumn(name = "item_no")
    private List<AlertEvidenceRow> decisionEvidence = new ArrayList<>();

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected AlertEntity() {
        // for Hibernate
    }

    public AlertEntity(UUID caseId, String centerId, String requestedBy, Instant requestedAt, String reason,
            List<CriterionResult> evaluation) {
        this.id = UUID.randomUUID();
        this.caseId = caseId;
        this.centerId = centerId;
        this.status = AlertStatus.REQUESTED;
        this.requestedBy = requestedBy;
        this.requestedAt = requestedAt;
        this.requestReason = reason;
        evaluation.forEach(r -> requestEvidence.add(new AlertEvidenceRow(r)));
    }

    /** Records a decision: refused, or approved with the CAP grading. */
    void decide(AlertDecision decision, String actor, Instant at, List<CriterionResult> evidence) {
        this.status = decision.approve() ? AlertStatus.APPROVED : AlertStatus.REFUSED;
        this.decidedBy = actor;
        this.decidedAt = at;
        this.decisionReasons = decision.reasons();
        if (decision.approve()) {
            this.urgency = decision.urgency();
            this.severity = decision.severity();
            this.certainty = decision.certainty();
        }
        evidence.forEach(r -> decisionEvidence.add(new AlertEvidenceRow(r)));
    }

    void showPhoto(UUID attachmentId) {
        this.photoId = attachmentId;
    }

    public void moveTo(AlertStatus next) {
        this.status = next;
    }

    public UUID id() {
        return id;
    }

    UUID caseId() {
        return caseId;
    }

    String centerId() {
        return centerId;
    }

    AlertStatus status() {
        return status;
    }

    /**
     * @param caseNumber the number of the alert's case
     * @param plan the plan of the alert's center now (for the criteria's wording), null when the center is gone
     * @param messages the alert's messages, oldest first
     */
    Alert toAlert(String caseNumber, AlertPlan plan, List<AlertMessage> messages) {
        return new Alert(id, caseId, caseNumber, centerId, status, requestedBy, requestedAt, requestReason,
                requestEvidence.stream().map(r -> r.toResult(plan)).toList(), decidedBy, decidedAt, decisionReasons,
                decisionEvidence.stream().map(r -> r.toResult(plan)).toList(), urgency, severity, certainty,
                messages, photoId);
    }
}
