/**
 * Answers to the CA's HTTP-01 challenge requests from the shared {@link dev.portico.core.store.ChallengeStore}, so
 * whichever edge proxy the CA reaches can answer. Store reads run off the event loop, bounded in number and time.
 */
package dev.portico.edge.acme;
