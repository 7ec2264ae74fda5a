/**
 * Portico's ACME client: accounts, certificate orders validated over HTTP-01, and failures mapped to what a caller
 * can act on. A thin layer over acme4j; no acme4j type appears in its public API, so callers depend on this package
 * only.
 *
 * <p>Start with {@link dev.portico.acme.AcmeClient#create(dev.portico.acme.AcmeSettings)}. Failures are
 * {@link dev.portico.acme.AcmeException}s: retry later on {@link dev.portico.acme.AcmeRetryableException}, report
 * {@link dev.portico.acme.AcmeInvalidException#getAdvice()} to the tenant, alert the operator on the rest. Nothing is
 * persisted here: keys go out as PKCS#8 bytes for the caller to seal, and the order URL goes to an
 * {@link dev.portico.acme.OrderListener} as soon as it exists.
 */
package dev.portico.acme;
