/**
 * Exchange of cases between separate Homeward deployments (say Child Focus in Brussels and SEEC in Athens): a
 * case is sent to a configured partner deployment as a signed package (JSON and a detached Ed25519 signature),
 * over HTTP(S) or as a pair of files, through the {@link io.homeward.casemodel.exchange.ExchangeService}. The
 * sender keeps every package in an outbox until the partner acknowledges or refuses it; the receiver records
 * every package it accepted in an inbox, so that a package received twice makes one case.
 */
@Version("1.1.0")
package io.homeward.casemodel.exchange;

import org.osgi.annotation.versioning.Version;
