/**
 * The case record every domain shares: the case row with its persons, timeline and SLA timers (one aggregate, mapped
 * and loaded together); who may see a case ({@link io.homeward.store.internal.caserecord.CaseAccess} and
 * {@link io.homeward.store.internal.caserecord.CaseFilter}, the one visibility rule of every read and search); the
 * case row lock and the events recorded beside a case ({@link io.homeward.store.internal.caserecord.SideTimeline});
 * the field checks that intakes and actions share ({@link io.homeward.store.internal.caserecord.CaseRules}); and the
 * audit detail of a change ({@link io.homeward.store.internal.caserecord.CaseChanges}).
 *
 * <p>Shared on purpose, so every class here is an entry point, and kept small: it uses only {@code db}. A domain's
 * own tables and rules belong in that domain's package, not here.
 */
package io.homeward.store.internal.caserecord;
