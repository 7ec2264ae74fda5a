/** Test support: locates the real loopback services that integration tests talk to. Never shipped. */
package dev.portico.testkit;
