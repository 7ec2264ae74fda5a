/**
 * HTTP/1.1 building blocks shared by every listener of the edge proxy: Host header parsing, request validation,
 * in-order answers to pipelined requests, the access log, idle connection handling and plain responses. Nothing here
 * knows about ACME, certificates or origins.
 */
package dev.portico.edge.http;
