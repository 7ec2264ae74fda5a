/** Issuance work as it travels the queue: the request, its wire form, and the queue contract. */
package dev.portico.core.issuance;
