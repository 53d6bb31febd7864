/**
 * Who is asking, and what they may do: the {@link io.homeward.casemodel.security.Subject} on whose behalf a
 * call runs (bound to the calling thread by {@link io.homeward.casemodel.security.SubjectContext}), the
 * {@link io.homeward.casemodel.security.Role}s and {@link io.homeward.casemodel.security.Permission}s of staff,
 * the {@link io.homeward.casemodel.security.AccountService} that authenticates them, and the tamper-evident
 * {@link io.homeward.casemodel.security.AuditTrail}. The case store enforces these on every call of
 * {@link io.homeward.casemodel.CaseService}; a caller never filters by center itself.
 */
@Version("1.0.0")
package io.homeward.casemodel.security;

import org.osgi.annotation.versioning.Version;
