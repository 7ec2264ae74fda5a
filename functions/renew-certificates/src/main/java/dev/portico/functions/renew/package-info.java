/**
 * The RenewCertificates Lambda: run by an EventBridge schedule (renewals due, renewal information, metrics, and
 * repairing a Redis that lost its data), or invoked directly to reconcile on demand.
 */
package dev.portico.functions.renew;
