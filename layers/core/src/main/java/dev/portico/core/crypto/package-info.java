/**
 * Key handling: PEM, and the envelope that seals every private key before it reaches a store. The master key lives
 * in KMS (in AWS) or a local key file (on one machine); data keys are cached so a proxy opens many keys cheaply.
 */
package dev.portico.core.crypto;
