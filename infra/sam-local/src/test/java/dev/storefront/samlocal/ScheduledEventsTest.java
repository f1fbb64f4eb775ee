package dev.storefront.samlocal;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduledEventsTest {

    private static final String RULE = ScheduledEvents.ruleArn("us-east-1", "nightly-report");

    @Test
    void an_event_has_the_shape_eventbridge_sends_for_a_schedule() throws Exception {
        JsonNode event = new ObjectMapper().readTree(ScheduledEvents.event(RULE, "us-east-1", Instant.parse("2026-03-01T02:00:00.734Z"), "e-1"));

        assertThat(event.path("version").asText()).isEqualTo("0");
        assertThat(event.path("id").asText()).isEqualTo("e-1");
        assertThat(event.path("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(event.path("source").asText()).isEqualTo("aws.events");
        assertThat(event.path("account").asText()).isEqualTo("000000000000");
        assertThat(event.path("time").asText()).isEqualTo("2026-03-01T02:00:00Z");
        assertThat(event.path("region").asText()).isEqualTo("us-east-1");
        assertThat(event.path("resources")).extracting(JsonNode::asText)
                .containsExactly("arn:aws:events:us-east-1:000000000000:rule/nightly-report");
        assertThat(event.path("detail").isObject()).isTrue();
    }

    @Test
    void the_lambda_runtime_deserializes_it_into_a_ScheduledEvent() {
        ScheduledEvent event = LambdaEventSerializers.serializerFor(ScheduledEvent.class, getClass().getClassLoader())
                .fromJson(ScheduledEvents.event(RULE, "eu-west-1", Instant.parse("2026-03-01T02:00:00Z")));

        assertThat(event.getDetailType()).isEqualTo("Scheduled Event");
        assertThat(event.getSource()).isEqualTo("aws.events");
        assertThat(event.getRegion()).isEqualTo("eu-west-1");
        assertThat(event.getResources()).containsExactly(RULE);
        assertThat(event.getTime().getMillis()).isEqualTo(Instant.parse("2026-03-01T02:00:00Z").toEpochMilli());
        assertThat(event.getDetail()).isEmpty();
    }
}
