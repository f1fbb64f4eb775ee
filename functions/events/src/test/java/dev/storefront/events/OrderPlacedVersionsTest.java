package dev.storefront.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storefront.samlocal.SamTemplate;
import dev.storefront.testsupport.EventSchemas;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * order.placed has two versions (docs/events/order.placed.v1.schema.json, .v2.schema.json). A
 * consumer written for version 1 reads a version 2 event as it reads any event: the fields it
 * knows, ignoring the others. So a version 2 event, seen through version 1's eyes (the fields v1
 * does not declare left out), must be a valid version 1 event with the same values.
 */
class OrderPlacedVersionsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path EVENTS = SamTemplate.findRepoRoot().resolve("docs/events");

    @Test
    void a_version_1_reader_finds_every_field_it_knows_in_a_version_2_event() throws IOException {
        JsonNode v1Schema = JSON.readTree(Files.readString(EVENTS.resolve("order.placed.v1.schema.json")));
        JsonNode envelope = JSON.readTree(Files.readString(EVENTS.resolve("envelope.schema.json")));
        ObjectNode v2 = (ObjectNode) JSON.readTree(Files.readString(EVENTS.resolve("examples/order.placed.v2.json")));
        EventSchemas.assertValid(v2.toString());
        assertThat(v2.path("version").asInt()).isEqualTo(2);

        ObjectNode seenByV1 = v2.deepCopy();
        seenByV1.put("version", 1);
        ObjectNode data = (ObjectNode) seenByV1.path("data");
        List<String> unknown = unknownTo(data, v1Schema.at("/properties/data/properties"));
        data.remove(unknown);
        JsonNode v1Line = envelope.at("/$defs/line/properties");
        data.path("lines").forEach(line -> ((ObjectNode) line).remove(unknownTo(line, v1Line)));

        assertThat(unknown).as("what version 2 adds").containsExactlyInAnyOrder("shipping", "tax", "weightGrams");
        assertThat(EventSchemas.errors(seenByV1.toString())).as(seenByV1.toString()).isEmpty();
        assertThat(data.path("total")).as("total: what was charged, in both versions").isEqualTo(v2.at("/data/total"));
    }

    @Test
    void events_of_both_versions_are_valid_order_placed_events_and_a_wrong_version_is_not() throws IOException {
        String v1 = Files.readString(EVENTS.resolve("examples/order.placed.v1.json"));
        ObjectNode v2AsV1 = (ObjectNode) JSON.readTree(Files.readString(EVENTS.resolve("examples/order.placed.v2.json")));
        v2AsV1.put("version", 1);

        assertThat(EventSchemas.errors(v1)).isEmpty();
        assertThat(EventSchemas.errors(v2AsV1.toString())).as("version 1 declares no shipping or tax").isNotEmpty();
    }

    private static List<String> unknownTo(JsonNode object, JsonNode declared) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!declared.has(name)) {
                unknown.add(name);
            }
        }
        return unknown;
    }
}
