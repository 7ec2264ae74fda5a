/**
 * The TLS port's certificate selection: one shared OpenSSL context, and per connection the certificate for its SNI
 * name from a local cache ({@link dev.portico.edge.tls.CertificateCache}), filled from the store off the event loop
 * before the handshake continues ({@link dev.portico.edge.tls.SniCertificateHandler}). A cached certificate keeps its
 * key material in BoringSSL's form, made once per load and released with its cache entry. Unknown names get the
 * fallback certificate; the data plane never orders a certificate.
 */
package dev.portico.edge.tls;
