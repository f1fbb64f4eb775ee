package dev.storefront.local.sources;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** FilterCriteria of an SQS mapping, matched as Lambda matches it (the template's OrderEventsConsumer filter first). */
class MessageFilterTest {

    private static MessageFilter filter(String... patterns) {
        List<Map<String, String>> filters = java.util.Arrays.stream(patterns).map(p -> Map.of("Pattern", p)).toList();
        return MessageFilter.of(new SourceProperties("Fn.Events.Queue", Map.of("FilterCriteria", Map.of("Filters", filters))));
    }

    private static Message body(String body) {
        return Message.builder().messageId("m").body(body).build();
    }

    @Test
    void the_order_events_consumer_filter_takes_placed_and_cancelled_orders_only() {
        MessageFilter filter = filter("{\"body\": {\"type\": [\"order.placed\", \"order.cancelled\"]}}");

        assertThat(filter.accepts(body("{\"type\":\"order.placed\",\"orderId\":\"o1\"}"))).isTrue();
        assertThat(filter.accepts(body("{\"type\":\"order.cancelled\"}"))).isTrue();
        assertThat(filter.accepts(body("{\"type\":\"order.fulfilment_requested\"}"))).isFalse();
        assertThat(filter.accepts(body("{\"orderId\":\"o1\"}"))).as("no type").isFalse();
        assertThat(filter.accepts(body("not json"))).as("a body that is not JSON has no fields").isFalse();
    }

    @Test
    void any_pattern_may_match_and_every_key_of_a_pattern_must() {
        MessageFilter filter = filter("{\"body\": {\"type\": [\"a\"], \"version\": [1]}}", "{\"body\": {\"type\": [\"b\"]}}");

        assertThat(filter.accepts(body("{\"type\":\"a\",\"version\":1}"))).isTrue();
        assertThat(filter.accepts(body("{\"type\":\"a\",\"version\":1.0}"))).as("numbers compare by value").isTrue();
        assertThat(filter.accepts(body("{\"type\":\"a\",\"version\":2}"))).isFalse();
        assertThat(filter.accepts(body("{\"type\":\"b\"}"))).isTrue();
        assertThat(filter.accepts(body("{\"type\":\"c\"}"))).isFalse();
    }

    @Test
    void message_attributes_and_system_attributes_can_be_matched() {
        MessageFilter filter = filter("{\"messageAttributes\": {\"type\": {\"stringValue\": [\"order.placed\"]}}}");
        Message placed = Message.builder().messageId("m").body("{}")
                .messageAttributes(Map.of("type", MessageAttributeValue.builder().dataType("String").stringValue("order.placed").build())).build();
        Message other = placed.toBuilder()
                .messageAttributes(Map.of("type", MessageAttributeValue.builder().dataType("String").stringValue("order.shipped").build())).build();

        assertThat(filter.accepts(placed)).isTrue();
        assertThat(filter.accepts(other)).isFalse();
        assertThat(filter.accepts(body("{}"))).isFalse();
    }

    @Test
    void no_filter_criteria_accepts_everything() {
        MessageFilter none = MessageFilter.of(new SourceProperties("Fn.Events.Queue", Map.of()));

        assertThat(none.isNone()).isTrue();
        assertThat(none.accepts(body("anything"))).isTrue();
    }

    @Test
    void operators_lambda_knows_and_the_local_runtime_does_not_are_refused_at_start_up() {
        assertThatThrownBy(() -> filter("{\"body\": {\"type\": [{\"prefix\": \"order.\"}]}}"))
                .hasMessageContaining("Fn.Events.Queue").hasMessageContaining("not emulated");
        assertThatThrownBy(() -> filter("{\"body\": {\"type\": \"order.placed\"}}")).hasMessageContaining("non-empty lists");
        assertThatThrownBy(() -> filter("not json")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> MessageFilter.of(new SourceProperties("Fn.Events.Queue", Map.of("FilterCriteria", Map.of("Filters", List.of())))))
                .hasMessageContaining("1 to 5 filters");
    }
}
