/** The admin port: liveness, readiness (the store reachable) and Prometheus metrics, apart from visitors' ports. */
package dev.portico.edge.admin;
