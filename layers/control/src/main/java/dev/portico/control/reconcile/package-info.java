/**
 * Rebuilding the serving store (Redis) from the record archive (S3) after it lost data: {@link
 * dev.portico.control.reconcile.Reconciler} runs it, on a schedule when the store's marker is missing or on demand;
 * {@link dev.portico.control.reconcile.ReconcilePlan} decides per domain, as a pure function of what the archive and
 * the store hold and the time.
 */
package dev.portico.control.reconcile;
