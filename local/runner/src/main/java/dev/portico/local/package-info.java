/**
 * The whole system on one machine: the functions run in-process with the same environment variables and event
 * shapes Lambda gives them, an SQS poller stands in for the event source mapping, and the edge proxy serves the
 * CA's HTTP-01 requests; Redis, Pebble and the AWS emulator are the real services of {@code local/services}.
 */
package dev.portico.local;
