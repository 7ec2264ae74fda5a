/**
 * The scheduled side of renewal: what is due (from the renewal index, never a scan), the CA's renewal information
 * (ARI, RFC 9773) moving renew-at into its suggested window, enqueuing renewals with jitter, and the figures an
 * operator alarms on (certificates by days to expiry, failing renewals) as CloudWatch Embedded Metric Format lines.
 * The renewal itself is an ordinary issuance ({@code IssuanceRequest.Reason.RENEWAL}).
 */
package dev.portico.control.renewal;
