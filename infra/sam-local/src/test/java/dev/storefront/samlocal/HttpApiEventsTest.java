package dev.storefront.samlocal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HttpApiEventsTest {

    @Test
    void an_event_has_the_payload_2_0_shape_api_gateway_sends() throws Exception {
        HttpApiEvents.Request request = new HttpApiEvents.Request("PUT", "/admin/products/p%201", "a=1&a=2&b=x%20y",
                Map.of("Content-Type", List.of("application/json"), "Cookie", List.of("s=1; t=2"), "X-Many", List.of("a", "b")),
                "{\"k\":1}".getBytes(StandardCharsets.UTF_8), "203.0.113.1", Instant.parse("2026-11-23T10:00:00Z"));

        JsonNode event = new ObjectMapper().readTree(HttpApiEvents.event(request, "PUT /admin/products/{productId}",
                Map.of("productId", "p 1"), Map.of("sub", "alice", "cognito:groups", "[admin]"), "req-1"));

        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("rawQueryString").asText()).isEqualTo("a=1&a=2&b=x%20y");
        assertThat(event.at("/queryStringParameters/a").asText()).isEqualTo("1,2");
        assertThat(event.at("/queryStringParameters/b").asText()).isEqualTo("x y");
        assertThat(event.at("/headers/x-many").asText()).isEqualTo("a,b");
        assertThat(event.at("/headers/cookie").isMissingNode()).isTrue();
        assertThat(event.path("cookies")).extracting(JsonNode::asText).containsExactly("s=1", "t=2");
        assertThat(event.at("/pathParameters/productId").asText()).isEqualTo("p 1");
        assertThat(event.at("/requestContext/authorizer/jwt/claims/cognito:groups").asText()).isEqualTo("[admin]");
        assertThat(event.at("/requestContext/http/method").asText()).isEqualTo("PUT");
        assertThat(event.at("/requestContext/routeKey").asText()).isEqualTo("PUT /admin/products/{productId}");
        assertThat(event.at("/requestContext/timeEpoch").asLong()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z").toEpochMilli());
        assertThat(event.path("body").asText()).isEqualTo("{\"k\":1}");
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void binary_bodies_are_base64_and_unauthorized_routes_carry_no_claims() throws Exception {
        HttpApiEvents.Request request = new HttpApiEvents.Request("POST", "/x", null,
                Map.of("content-type", List.of("image/png")), new byte[]{1, 2, 3}, "203.0.113.1", Instant.now());

        JsonNode event = new ObjectMapper().readTree(HttpApiEvents.event(request, "POST /x", Map.of(), null, "r"));

        assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(event.path("body").asText()).isEqualTo("AQID");
        assertThat(event.at("/requestContext/authorizer").isMissingNode()).isTrue();
    }
}
