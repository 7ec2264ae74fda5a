/** Benchmarks: each main prints figures for Portico; the scripts beside the pom run the peer in the same run. */
package dev.portico.bench;
