/**
 * The record of truth: every domain record and certificate, kept outside the serving store (S3 in AWS) so that a
 * Redis that lost its data (failover, flush, a new cluster) can be rebuilt from it. The contract is written in
 * {@link dev.portico.core.archive.RecordArchive}; the archived form, with its version, in
 * {@link dev.portico.core.archive.ArchiveCodec}.
 */
package dev.portico.core.archive;
