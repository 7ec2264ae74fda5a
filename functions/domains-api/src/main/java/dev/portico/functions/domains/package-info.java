/**
 * The DomainsApi Lambda: API Gateway HTTP API (payload format 2.0) requests for {@code /domains} in, JSON out. The
 * handler only translates: routing, request parsing and response shapes live here, every decision about domains
 * lives in {@link dev.portico.control.DomainService}. Every refusal is a JSON error with a stable code, and nothing
 * is stored for a refused request.
 */
package dev.portico.functions.domains;
