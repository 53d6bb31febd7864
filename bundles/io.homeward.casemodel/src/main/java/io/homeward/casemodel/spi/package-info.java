/**
 * What a center plugin provides. A plugin is an OSGi bundle that exports nothing and depends only on the
 * Homeward API packages. It declares its centers in an XML file named by the {@value
 * io.homeward.casemodel.spi.CenterPlugin#DECLARATION_HEADER} manifest header, valid against {@code
 * center-1.0.xsd} (namespace {@value io.homeward.casemodel.spi.CenterPlugin#NAMESPACE}). The platform reads it
 * from the resolved bundle without activating it.
 */
@Version("1.0.0")
package io.homeward.casemodel.spi;

import org.osgi.annotation.versioning.Version;
