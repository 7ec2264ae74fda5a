/**
 * The domain model: validated names, tenants and origins, records and their statuses. Every type that comes from
 * outside is parsed once at the edge of the system and is valid from then on.
 */
package dev.portico.core.domain;
