/**
 * The edge proxy: the long-running data plane every visitor and the ACME CA talk to.
 *
 * <p>{@link dev.portico.edge.EdgeProxy} reads the configuration from the environment and runs an
 * {@link dev.portico.edge.EdgeProxyServer}, which owns the event loops and binds one listener per port, each with its
 * own pipeline ({@link dev.portico.edge.HttpServerInitializer} for port 80). Generic HTTP building blocks live in
 * {@code dev.portico.edge.http}; the HTTP-01 challenge answers in {@code dev.portico.edge.acme}.
 */
package dev.portico.edge;
