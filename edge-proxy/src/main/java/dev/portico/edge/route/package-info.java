/** Where each domain's requests go: its origin, from the domain record, cached by {@link dev.portico.edge.store.StoreCache}. */
package dev.portico.edge.route;
