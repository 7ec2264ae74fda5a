/**
 * The IssueCertificate Lambda: takes issuance requests from the SQS issuance queue, hands each to the control plane's
 * {@code IssuanceService}, puts retries back on the queue with their delay, and reports only the messages that must
 * be delivered again (partial batch failures). One JSON log line per message.
 */
package dev.portico.functions.issue;
