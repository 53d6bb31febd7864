/**
 * What a center plugin declares — its centers, languages, hotlines, case categories, custom fields, case-number
 * scheme, workflows and alert plan — as read by the platform from the plugin's declaration file, and the
 * {@link io.homeward.casemodel.center.CenterRegistry} that holds the declarations of every installed plugin.
 * The declaration format is published as {@code center-1.0.xsd} in this package.
 */
@Version("1.1.0")
package io.homeward.casemodel.center;

import org.osgi.annotation.versioning.Version;
