/** Edge events (certificate updated, domain removed) applied to the running proxy as they arrive. */
package dev.portico.edge.events;
