/**
 * Local copies of what the proxy reads from the store (certificates, routes), filled off the event loop, collapsed
 * per name, remembered negatively for a short while, and kept through store outages.
 */
package dev.portico.edge.store;
