/**
 * Possible duplicates: "do we already know this child?". The
 * {@link io.homeward.casemodel.duplicate.DuplicateService} proposes the cases whose children may be the one being
 * typed at intake, or the one of a case, among the cases the user may read, each with its reasons and a score; and
 * records what staff decide: the same child (the cases are linked) or not the same (the pair is never proposed
 * again), with who, when and why, undoable with a reason. The store enforces authorization, center scoping and the
 * audit trail, as for {@link io.homeward.casemodel.CaseService}.
 */
@Version("1.0.0")
package io.homeward.casemodel.duplicate;

import org.osgi.annotation.versioning.Version;
