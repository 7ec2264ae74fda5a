/**
 * The PurgeCache Lambda: {@code POST /purge} through the HTTP API, or a direct invocation, checks that the tenant
 * owns the domain and publishes one {@link dev.portico.core.event.EdgeEvent.Purge} on the edge-events topic, which
 * every edge proxy applies to its own cache. {@link dev.portico.functions.purge.PurgeService} decides (AWS-free); the
 * handler only reads the two event shapes, answers each in its own format and logs one line per invocation.
 */
package dev.portico.functions.purge;
