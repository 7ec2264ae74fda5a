package dev.portico.edge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * curl as an independent client (its own TLS stack, its own HTTP/2): the name resolved to 127.0.0.1 with
 * {@code --resolve}, the chain verified against the given roots. Prints the status, the HTTP version and the body.
 */
final class Curl {
    /** What curl reported. */
    record Result(int status, String httpVersion, String body) {
    }

    private Curl() {
    }

    static Result get(String name, int port, Path roots, String path, String... extra) throws Exception {
        Path body = Files.createTempFile("curl-body", ".txt");
        try {
            List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10",
                    "--resolve", name + ":" + port + ":127.0.0.1", "--cacert", roots.toString(),
                    "-o", body.toString(), "-w", "%{http_code} %{http_version}"));
            command.addAll(List.of(extra));
            command.add("https://" + name + ":" + port + path);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("curl did not finish: " + command);
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new IOException("curl failed (" + process.exitValue() + "): " + out);
            }
            String[] parts = out.split(" ");
            return new Result(Integer.parseInt(parts[0]), parts[1], Files.readString(body));
        } finally {
            Files.deleteIfExists(body);
        }
    }
}
