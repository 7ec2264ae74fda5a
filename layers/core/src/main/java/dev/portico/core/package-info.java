/**
 * Portico's AWS-free core: the domain model, input rules, key envelope, edge events and the storage contracts that
 * the Redis, ACME and AWS adapters implement. Nothing in this module imports an AWS, Redis or ACME library; the
 * module graph in the root {@code pom.xml} enforces it.
 */
package dev.portico.core;
