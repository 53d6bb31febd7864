package io.homeward.casemodel.exchange;

import java.util.List;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends cases to partner deployments and receives theirs. Every method is thread-safe; what it reports as done is
 * durable in the deployment's database, shared by all its nodes.
 *
 * <p><b>Sending</b> ({@link #send}) only queues: the package is built, signed and stored in the outbox in one
 * transaction with the case's {@link #SENT} timeline event, and delivered by the outbox job of whichever node gets
 * to it first. Connection failures and server errors of the partner are retried with exponential backoff, without
 * end: nothing is lost while the partner is down. A refusal by the partner's Homeward (a 4xx that names its
 * refusal reason, not any 4xx of a proxy on the way) is final: the entry is {@link OutboxEntry.Status#REFUSED}
 * and the case's timeline says why; a delivery records {@link #DELIVERED} with the partner's case number.
 *
 * <p><b>Receiving</b> ({@link #receive}) checks, in order: the package is JSON of a known format within its size
 * limits, it is addressed to this deployment (its recipient is this deployment's id), its sender is a
 * configured partner, the signature verifies with that partner's key over the exact bytes received, and its
 * content opens a case at the target center. Any failure refuses the package with a {@link PackageRefusedException}
 * and stores nothing. A package already received (same partner, same package id) answers the same receipt again
 * and creates nothing, even when two nodes receive it at once.
 */
@ProviderType
public interface ExchangeService {

    /** Timeline kind on the sender's case: queued for a partner; the note names the partner and the package. */
    String SENT = "EXCHANGE_SENT";
    /** Timeline kind on the sender's case: the partner acknowledged; the note holds the partner's case number. */
    String DELIVERED = "EXCHANGE_DELIVERED";
    /** Timeline kind on the sender's case: the partner refused the package; the note holds the reason. */
    String REFUSED = "EXCHANGE_REFUSED";
    /** Timeline kind on the receiver's case: opened from a partner's package; the note names partner and number. */
    String RECEIVED = "EXCHANGE_RECEIVED";

    /**
     * The HTTP header with which a receiving Homeward marks its refusal of a package, holding the
     * {@link PackageRefusedException.Reason}: only an answer carrying it is a final refusal for the sender's outbox; a
     * 4xx without it (a proxy, a firewall in between) says nothing about the package and is retried.
     */
    String REFUSAL_HEADER = "X-Homeward-Refusal";

    /**
     * Queues a case for a partner deployment. Needs the right to change the case, and the case must be owned by the
     * caller's center.
     *
     * @param caseId never null
     * @param partnerId a configured partner, never null
     * @param targetCenter the center at the partner that is to open the case, or null for the partner's configured
     *     default center
     * @param message free text for the receiver (why the case is sent, what is asked), may be null
     * @param actor the user sending it (counts only for system subjects, as in the case service), never null
     * @return the outbox entry, {@link OutboxEntry.Status#PENDING}; durable when returned
     * @throws io.homeward.casemodel.CaseNotFoundException when the caller cannot see the case
     * @throws io.homeward.casemodel.security.AccessDeniedException when the caller may not change cases, or its
     *     center does not own this one
     * @throws io.homeward.casemodel.InvalidCaseException when the partner is unknown, no target center is given nor
     *     configured, or this deployment has no exchange identity configured
     * @throws io.homeward.casemodel.CaseException when the case is closed: a closed case is not handed on (as with
     *     a transfer between centers), since the partner would open it as a new, open case
     */
    OutboxEntry send(UUID caseId, String partnerId, String targetCenter, String message, String actor);

    /**
     * @param caseId one case, or null for every entry the caller may see (its center's cases; all for system
     *     subjects)
     * @return outbox entries, newest first; never null
     */
    List<OutboxEntry> outbox(UUID caseId);

    /** @return packages received, newest first, of cases the caller's center owns (all for system subjects) */
    List<InboxEntry> inbox();

    /**
     * Receives a package from a partner, over HTTP or from files; the signature is the package's only credential,
     * so no subject needs to be bound: the case is opened by the system on the partner's behalf.
     *
     * @param content the package's JSON, exactly as signed; never null
     * @param signature the detached Ed25519 signature over {@code content}, never null
     * @return the receipt: the case the package made, now or when it was first received
     * @throws PackageRefusedException when the package is malformed, from an unknown partner, badly signed, or
     *     cannot open a case at its target center; nothing is stored
     */
    Receipt receive(byte[] content, byte[] signature);

    /**
     * The package of an outbox entry, for a transfer as files ({@code <packageId>.json} and
     * {@code <packageId>.json.sig}). Platform administrators only.
     *
     * @throws io.homeward.casemodel.CaseNotFoundException when no entry has this package id
     */
    SignedPackage export(UUID packageId);

    /**
     * This deployment's identity as partners configure it. Platform administrators only.
     *
     * @return the deployment id and its public key; the key pair is created at first use
     */
    Identity identity();

    /**
     * A deployment's identity.
     *
     * @param deploymentId how partners name this deployment, never null
     * @param publicKey the Ed25519 public key, Base64 of its X.509 encoding, never null
     */
    record Identity(String deploymentId, String publicKey) {
    }

    /**
     * A package with its detached signature.
     *
     * @param packageId never null
     * @param content the JSON, exactly as signed
     * @param signature the Ed25519 signature over {@code content}
     */
    record SignedPackage(UUID packageId, byte[] content, byte[] signature) {
    }
}
