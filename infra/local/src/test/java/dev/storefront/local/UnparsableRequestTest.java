package dev.storefront.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer of the local gateway is JSON, also to a request it cannot parse (issue 15). The
 * requests go over a plain socket: java.net.http refuses to build a URI with bad percent-encoding
 * (curl sends it as typed).
 */
class UnparsableRequestTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final LocalRuntime runtime = SharedRuntime.get();

    @Test
    void a_query_with_bad_percent_encoding_reaches_the_function_raw_and_its_cursor_is_refused() throws IOException {
        Answer answer = send("GET /products?cursor=%%%garbage HTTP/1.1");

        assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(answer.raw()).doesNotContainIgnoringCase("<h1>").doesNotContain("Exception");
    }

    @Test
    void a_request_line_no_route_can_match_is_the_gateway_s_json_400() throws IOException {
        for (String line : new String[] {"GET /products/%zz HTTP/1.1", "GET /products /orders HTTP/1.1", "NOT-HTTP"}) {
            Answer answer = send(line);

            assertThat(answer.status()).as(line + " -> " + answer.raw()).isEqualTo(400);
            assertThat(answer.contentType()).as(line).isEqualTo("application/json");
            assertThat(answer.json().path("message").asText()).as(line).isEqualTo("Bad Request");
            assertThat(answer.raw()).as(line).doesNotContainIgnoringCase("<h1>").doesNotContainIgnoringCase("<html");
        }
    }

    @Test
    void headers_past_the_limit_are_the_gateway_s_json_431() throws IOException {
        Answer answer = send("GET /products HTTP/1.1\r\nX-Big: " + "x".repeat(HttpGateway.MAX_HEADER_BYTES));

        assertThat(answer.status()).as(answer.raw()).isEqualTo(431);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.json().path("message").asText()).isNotBlank();
    }

    record Answer(int status, String contentType, String body, String raw) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    /** Sends {@code requestLine} (and any headers after it) with a Host header, as curl would, and reads the whole answer. */
    Answer send(String requestLine) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", runtime.baseUrl().getPort())) {
            socket.setSoTimeout(30_000);  // only so that a hung gateway fails the test instead of hanging it
            socket.getOutputStream().write((requestLine + "\r\nHost: localhost\r\nAccept: */*\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = raw.indexOf("\r\n\r\n");
            String head = raw.substring(0, headersEnd);
            String contentType = null;
            for (String header : head.split("\r\n")) {
                if (header.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    contentType = header.substring("content-type:".length()).trim();
                }
            }
            return new Answer(Integer.parseInt(head.split(" ")[1]), contentType, raw.substring(headersEnd + 4), raw);
        }
    }
}
