/**
 * AWS SDK adapters behind the core's interfaces: KMS data keys, the SNS edge-events publisher, and client set-up
 * with bounded timeouts and retries. The only package that imports the AWS SDK.
 */
package dev.portico.aws;
