/**
 * Control-plane services: registering domains and obtaining their certificates. They see stores, queues and
 * publishers only through the core's interfaces, so the same code runs in Lambda, in the local runner and in tests;
 * decisions (backoff, due times, quotas) are pure functions with an injected clock.
 */
package dev.portico.control;
