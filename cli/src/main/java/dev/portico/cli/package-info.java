/**
 * The {@code portico} command: the domains API from a terminal. Tables for people, {@code --json} for scripts; SigV4
 * signing when the API is AWS's (IAM auth), none against the local runner.
 */
package dev.portico.cli;
