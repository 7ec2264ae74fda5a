/**
 * The reverse proxy: {@link dev.portico.edge.proxy.ProxyFrontendHandler} on the visitor's side (HTTP/1.1 connection
 * or HTTP/2 stream), {@link dev.portico.edge.proxy.OriginBackendHandler} on the origin's, pooled keep-alive origin
 * connections per event loop ({@link dev.portico.edge.proxy.OriginPools}), so an exchange never leaves its thread.
 * Bodies stream both ways; each side stops reading while the other cannot take more.
 */
package dev.portico.edge.proxy;
