/**
 * Storage contracts, each written in its interface's documentation. Implementations live in adapter modules
 * ({@code portico-redis}); code in the core depends only on these interfaces.
 */
package dev.portico.core.store;
