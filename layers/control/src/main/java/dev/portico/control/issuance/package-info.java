/**
 * Obtaining and renewing a domain's certificate: {@link dev.portico.control.issuance.IssuanceService} turns one
 * issuance request into one {@link dev.portico.control.issuance.Outcome}.
 *
 * <p>The service checks, locks, and checks again before anything expensive; it proves that the name routes to the
 * edge before asking the CA (Let's Encrypt pauses accounts after repeated failed authorizations); it spends the
 * account's order budget only on new orders and resumes a remembered one instead. Every wait it asks for comes from a
 * pure decision ({@link dev.portico.control.issuance.RetrySchedule},
 * {@link dev.portico.control.issuance.RenewalWindow}, {@link dev.portico.control.issuance.WorkCheck}) fed by an
 * injected clock and random source, so each is table-tested without time passing.
 */
package dev.portico.control.issuance;
