/**
 * Services of the center registry for the platform's own bundles (not for plugins): the guarded way to call
 * into plugin code.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.homeward.center;
