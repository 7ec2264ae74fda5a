package dev.portico.control.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeHttpTest {
    private static final String CRLF = "\r\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case | response (~ stands for CRLF) | ended | status | body (empty: incomplete) | truncated
            "content-length      | HTTP/1.1 200 OK~Content-Length: 5~~hello | false | 200 | hello | false",
            "close-delimited     | HTTP/1.0 200 OK~~hello | true  | 200 | hello | false",
            "chunked             | HTTP/1.1 200 OK~Transfer-Encoding: chunked~~3~hel~2~lo~0~~ | false | 200 | hello | false",
            "header case         | HTTP/1.1 200 OK~cOnTeNt-LeNgTh: 2~~ok | false | 200 | ok    | false",
            "404 empty           | HTTP/1.1 404 Not Found~Content-Length: 0~~ | false | 404 | ''    | false",
            "status without text | HTTP/1.1 204~~ | true  | 204 | ''    | false",
            "head incomplete     | HTTP/1.1 200 OK~Content-Len | false | 0 |       | false",
            "body incomplete     | HTTP/1.1 200 OK~Content-Length: 9~~hello | false | 0 |       | false",
            "chunk incomplete    | HTTP/1.1 200 OK~Transfer-Encoding: chunked~~3~hel~ | false | 0 |       | false",
    })
    void parsesTheResponsesAnEdgeGives(String name, String wire, boolean ended, int status, String body,
            boolean truncated) throws IOException {
        Optional<ProbeHttp.Response> parsed = ProbeHttp.parse(bytes(wire.strip().replace("~", CRLF)), ended);
        if (body == null) {
            assertThat(parsed).isEmpty();
            return;
        }
        assertThat(parsed).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(status);
            assertThat(r.body()).isEqualTo(body);
            assertThat(r.truncated()).isEqualTo(truncated);
        });
    }

    @Test
    void aBodyLargerThanTheCapIsCutAndFlagged() throws IOException {
        String big = "x".repeat(5000);
        Optional<ProbeHttp.Response> parsed = ProbeHttp.parse(bytes("HTTP/1.1 200 OK" + CRLF + "Content-Length: 5000"
                + CRLF + CRLF + big.substring(0, 1500)), false);
        assertThat(parsed).hasValueSatisfying(r -> {
            assertThat(r.body()).hasSize(ProbeHttp.MAX_BODY);
            assertThat(r.truncated()).isTrue();
        });
    }

    @Test
    void aRedirectKeepsItsLocationForTheTenantsReason() throws IOException {
        Optional<ProbeHttp.Response> parsed = ProbeHttp.parse(bytes("HTTP/1.1 301 Moved" + CRLF
                + "Location: https://elsewhere.example/" + CRLF + "Content-Length: 0" + CRLF + CRLF), false);
        assertThat(parsed.orElseThrow().location()).contains("https://elsewhere.example/");
    }

    @Test
    void refusesWhatIsNotHttp() {
        assertThatThrownBy(() -> ProbeHttp.parse(bytes("SSH-2.0-OpenSSH_9.2" + CRLF + CRLF), false))
                .isInstanceOf(IOException.class).hasMessageContaining("status line");
        assertThatThrownBy(() -> ProbeHttp.parse(bytes("HTTP/1.1 200 OK" + CRLF + "Content-Length: -1" + CRLF + CRLF),
                false)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ProbeHttp.parse(bytes("HTTP/1.1 200 OK" + CRLF + "X: " + "y".repeat(9000)), false))
                .isInstanceOf(IOException.class).hasMessageContaining("larger than");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
