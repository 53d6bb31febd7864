/**
 * Provisioning API of the Homeward host: installs features (named sets of bundles and
 * configurations) as transactions, lets other bundles veto unfit bundles before they resolve
 * ({@link io.homeward.provisioning.BundleCheck}), explains in one readable line why a bundle
 * does not resolve ({@link io.homeward.provisioning.Requirements}), and lets other bundles add what
 * they know about a running bundle to {@code bundle:diag} ({@link io.homeward.provisioning.BundleDiagnostics}).
 *
 * <p>Exported by the parent's bnd rule ({@code -exportcontents: !*.internal.*,*}) at the version
 * below. No {@code @Export} annotation: with that rule in place it would add a second export of
 * this package at the bundle version.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package io.homeward.provisioning;
