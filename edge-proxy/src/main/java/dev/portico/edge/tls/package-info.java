/**
 * The TLS port's certificate selection: one shared OpenSSL context whose key manager picks the key by SNI from a
 * local cache ({@link dev.portico.edge.tls.CertificateCache}), filled from the store off the event loop before the
 * handshake continues ({@link dev.portico.edge.tls.SniCertificateHandler}). Unknown names get the fallback
 * certificate; the data plane never orders a certificate.
 */
package dev.portico.edge.tls;
