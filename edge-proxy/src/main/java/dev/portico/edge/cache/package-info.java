/**
 * The edge cache (RFC 9111, shared cache): what may be stored ({@link dev.portico.edge.cache.Storability}), how long it
 * stays fresh ({@link dev.portico.edge.cache.Freshness}), both pure functions of the exchange and the clock, so they
 * are tested as tables.
 */
package dev.portico.edge.cache;
