package dev.storefront.testsupport;

import dev.storefront.samlocal.SamTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schemas under docs/events/ accept their documented examples and refuse what they must. */
class EventSchemasTest {

    static final Path EVENTS = SamTemplate.findRepoRoot().resolve("docs/events");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void every_event_type_has_a_schema_and_an_example_that_is_valid() throws IOException {
        List<Path> schemas;
        try (Stream<Path> files = Files.list(EVENTS)) {
            schemas = files.filter(p -> p.getFileName().toString().endsWith(".schema.json"))
                    .filter(p -> !p.getFileName().toString().equals("envelope.schema.json")).sorted().toList();
        }
        assertThat(schemas).isNotEmpty();
        for (Path schema : schemas) {
            // A type's versions (order.placed.v1.schema.json) have their own examples of the type.
            String name = schema.getFileName().toString().replace(".schema.json", "");
            String type = name.replaceAll("\\.v[0-9]+$", "");
            Path example = EVENTS.resolve("examples").resolve(name + ".json");
            assertThat(example).as("an example of " + type).isRegularFile();
            String message = Files.readString(example);
            assertThat(JSON.readTree(message).path("type").asText()).isEqualTo(type);
            EventSchemas.assertValid(message);
        }
    }

    @Test
    void an_envelope_that_breaks_the_contract_is_refused_with_its_reasons() throws IOException {
        ObjectNode placed = example("order.placed");
        placed.put("eventId", "not-a-uuid");
        placed.put("occurredAt", "yesterday");
        placed.withObject("/data").withObject("/total").put("amount", 29.5);
        placed.withObject("/data").put("email", "nobody");

        List<String> errors = EventSchemas.errors(placed.toString());

        assertThat(String.join("\n", errors)).contains("/eventId").contains("/occurredAt").contains("/data/total/amount").contains("/data/email");
        assertThatThrownBy(() -> EventSchemas.assertValid(placed.toString())).isInstanceOf(AssertionError.class).hasMessageContaining("/eventId");
    }

    @Test
    void data_holds_only_what_the_type_declares() throws IOException {
        ObjectNode shipped = example("order.shipped");
        shipped.withObject("/data").put("email", "ada@example.com");
        ObjectNode accepted = example("order.accepted");
        accepted.withObject("/data").put("from", "PLACED");
        ObjectNode extraField = example("order.expired");
        extraField.put("traceId", "abc");

        assertThat(EventSchemas.errors(shipped.toString())).as("personal data only in order.placed").isNotEmpty();
        assertThat(EventSchemas.errors(accepted.toString())).as("an illegal transition").isNotEmpty();
        assertThat(EventSchemas.errors(extraField.toString())).as("the envelope is closed").isNotEmpty();
    }

    @Test
    void a_message_without_a_known_type_has_no_schema() throws IOException {
        ObjectNode unknown = example("order.placed");
        unknown.put("type", "order.teleported");

        assertThat(EventSchemas.errors(unknown.toString())).singleElement().asString().contains("no schema for type order.teleported");
        assertThat(EventSchemas.errors("{\"eventId\":1}")).singleElement().asString().contains("no event type");
        assertThat(EventSchemas.errors("not json")).singleElement().asString().startsWith("not JSON");
    }

    @Test
    void order_events_need_their_order_and_funnel_events_name_the_shopper_and_cart_instead() throws IOException {
        ObjectNode placedWithoutOrder = example("order.placed");
        placedWithoutOrder.remove("orderId");
        ObjectNode lineAddedWithoutCart = example("cart.line_added");
        lineAddedWithoutCart.remove("cartId");
        ObjectNode badVisitor = example("product.viewed");
        badVisitor.put("visitorId", "<script>");
        ObjectNode anonymousView = example("product.viewed");
        anonymousView.remove("visitorId");
        ObjectNode unknownReason = example("checkout.failed");
        unknownReason.withObject("/data").put("reason", "out of stock");

        assertThat(EventSchemas.errors(placedWithoutOrder.toString())).as("order.* requires orderId").isNotEmpty();
        assertThat(EventSchemas.errors(lineAddedWithoutCart.toString())).as("cart.* requires cartId").isNotEmpty();
        assertThat(EventSchemas.errors(badVisitor.toString())).as("visitorId format").isNotEmpty();
        assertThat(EventSchemas.errors(unknownReason.toString())).as("reason is a problem code").isNotEmpty();
        assertThat(EventSchemas.errors(anonymousView.toString())).as("no visitor, no customer: still a product view").isEmpty();
    }

    static ObjectNode example(String type) throws IOException {
        return (ObjectNode) JSON.readTree(Files.readString(EVENTS.resolve("examples").resolve(type + ".json")));
    }
}
