/**
 * Cross-border work between the centers of one deployment: the
 * {@link io.homeward.casemodel.transfer.TransferService} lets the center that owns a case transfer it to, or share
 * it with, another center (hub ↔ national center, national ↔ national), which accepts or rejects with a reason.
 * Access follows the outcome; the store enforces it with the rest of authorization and audit.
 */
@Version("1.0.0")
package io.homeward.casemodel.transfer;

import org.osgi.annotation.versioning.Version;
