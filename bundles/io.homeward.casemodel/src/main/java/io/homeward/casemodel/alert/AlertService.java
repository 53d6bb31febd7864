package io.homeward.casemodel.alert;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Child abduction alerts on cases, by the plan of the case's center. Every call runs as the
 * {@link io.homeward.casemodel.security.Subject} bound to the thread and is authorized and audited by the store:
 * <ul>
 * <li>reading needs the right to read the case (an alert of a case the subject cannot see is not found);</li>
 * <li>requesting needs one of the plan's requester roles, deciding, issuing, updating and cancelling one of its
 * decider roles, on a case of the subject's own center;</li>
 * <li>four eyes: whoever requested an alert can never decide on it; the refusal of such an attempt is audited.</li>
 * </ul>
 * Requests, decisions and messages are on the case's timeline and in the audit trail. Alerts survive restarts.
 * Thread-safe.
 */
@ProviderType
public interface AlertService {

    /**
     * Evaluates the plan of the case's center against the case as it is now; stores nothing.
     *
     * @throws io.homeward.casemodel.CaseNotFoundException when the subject cannot see the case
     * @throws io.homeward.casemodel.CaseException when the case's center has no alert plan
     */
    AlertEvaluation evaluate(UUID caseId);

    /**
     * Requests an alert: evaluates the plan and records the request with that evaluation.
     *
     * @param reason why, required
     * @return the alert, {@link AlertStatus#REQUESTED}
     * @throws io.homeward.casemodel.CaseException when the case already has an alert requested, approved or active, is
     *     closed, or its center has no alert plan
     */
    Alert request(UUID caseId, String reason);

    /**
     * Approves or refuses a requested alert. An approval needs every criterion met now; the criteria as they stand are
     * kept with the decision.
     *
     * @return the alert, {@link AlertStatus#APPROVED} or {@link AlertStatus#REFUSED}
     * @throws io.homeward.casemodel.security.AccessDeniedException when the subject requested it, or may not decide
     * @throws io.homeward.casemodel.InvalidCaseException when reasons or gradings are missing, or a criterion is not met
     */
    Alert decide(UUID alertId, AlertDecision decision);

    /**
     * Issues an approved alert: makes its CAP {@code Alert} message, publishes it on the feed and queues it for every
     * registered channel. The case must be open; an active alert can still be updated and cancelled after its case
     * is closed.
     *
     * @param photoId the image attachment of the case that the public messages show, chosen by the issuer (it is
     *     kept with the alert and shown by its updates and cancel too); null for no photo. Never chosen for them.
     * @return the alert, {@link AlertStatus#ACTIVE}
     * @throws io.homeward.casemodel.InvalidCaseException when the photo is not an image attached to the case
     * @throws io.homeward.casemodel.CaseException when the case is closed
     */
    Alert issue(UUID alertId, UUID photoId);

    /**
     * Publishes a CAP {@code Update} of an active alert, referencing every earlier message.
     *
     * @param note what changed, required; published in the message
     */
    Alert update(UUID alertId, String note);

    /**
     * Cancels an active alert with a CAP {@code Cancel} message referencing every earlier message; the alert leaves the
     * feed.
     *
     * @param reason why, required; published in the message
     * @return the alert, {@link AlertStatus#CANCELLED}
     */
    Alert cancel(UUID alertId, String reason);

    /** @return the alert, or empty when there is none the subject can see */
    Optional<Alert> find(UUID alertId);

    /** @return the alerts of a case, oldest first */
    List<Alert> alertsOf(UUID caseId);

    /** @return the active alerts of the cases the subject can see, most recently issued first */
    List<Alert> active();

    /**
     * @return the CAP 1.2 XML of a message, UTF-8
     * @throws AlertNotFoundException when there is no such message the subject can see
     */
    byte[] cap(UUID messageId);

    /**
     * The feed of active alerts in one read, audited once (a broadcaster polls it: one audit entry per poll, not one
     * per alert).
     *
     * @return the active alerts of the cases the subject can see with their latest CAP message, as {@link #active()}
     */
    List<FeedEntry> feed();

    /** @return the deliveries of an alert's messages, by message then channel */
    List<AlertDelivery> deliveries(UUID alertId);

    /** @return every distribution channel, registered or with deliveries on record, by name */
    List<ChannelStatus> channels();
}
