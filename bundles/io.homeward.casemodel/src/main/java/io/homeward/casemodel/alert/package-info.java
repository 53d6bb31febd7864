/**
 * Child abduction alerts: a case worker requests an alert on a case, the platform evaluates the country's
 * {@link io.homeward.casemodel.center.AlertPlan} against it, another authorized person approves or refuses it, and
 * an approved alert is issued, updated and cancelled as OASIS CAP 1.2 messages, published on the platform's feed and
 * pushed through the {@link io.homeward.casemodel.alert.AlertChannel}s that plugins register.
 * {@link io.homeward.casemodel.alert.AlertService} is the entry point; the store enforces who may do what.
 */
@Version("1.0.0")
package io.homeward.casemodel.alert;

import org.osgi.annotation.versioning.Version;
