package dev.portico.cli;

import java.net.URI;
import java.util.Map;

/** Adds what authenticates a request to the API: nothing locally, SigV4 against AWS's HTTP API. */
interface RequestSigner {
    /** @return the headers to send, the signature's among them */
    Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body);

    RequestSigner NONE = (method, uri, headers, body) -> headers;
}
