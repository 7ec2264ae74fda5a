/** Events from the control plane to every edge proxy, and their JSON wire form. */
package dev.portico.core.event;
