/**
 * The common case model of Homeward: cases, the persons linked to them, their timeline, and the
 * {@link io.homeward.casemodel.CaseService} through which every bundle opens, reads, searches and acts on
 * cases. Values are immutable records; no type here depends on how cases are stored.
 */
@Version("1.3.0")
package io.homeward.casemodel;

import org.osgi.annotation.versioning.Version;
