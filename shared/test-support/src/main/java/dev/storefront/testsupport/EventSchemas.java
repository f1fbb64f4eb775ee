package dev.storefront.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event contract of docs/events/ applied to real messages: a message's {@code type} picks
 * {@code <type>.schema.json} (JSON Schema 2020-12, which refers to {@code envelope.schema.json}),
 * and formats (uuid, date-time, email) are asserted, not just annotated. Tests of producers run
 * every message they emit through {@link #assertValid(String)}; a type without a schema fails.
 */
public final class EventSchemas {

    /** The {@code $id} prefix of every schema under docs/events/; nothing is fetched from it. */
    public static final String BASE = "https://storefront.example/events/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
    private static final Path DIRECTORY = SamTemplate.findRepoRoot().resolve("docs/events");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    .resourceLoaders(loaders -> loaders.resources(EventSchemas::read))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private EventSchemas() {
    }

    /** Fails with every violation, and the message, unless the message is valid for its type. */
    public static void assertValid(String message) {
        List<String> errors = errors(message);
        if (!errors.isEmpty()) {
            throw new AssertionError("Event does not match its schema under docs/events:\n  " + String.join("\n  ", errors) + "\nmessage: " + message);
        }
    }

    /** What is wrong with a message, empty when it is valid for its type's schema. */
    public static List<String> errors(String message) {
        JsonNode event;
        try {
            event = JSON.readTree(message);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        String type = event.path("type").asText("");
        if (!type.matches("[a-z]+\\.[a-z_]+")) {
            return List.of("no event type to choose a schema by: type is " + event.path("type"));
        }
        if (!Files.isRegularFile(DIRECTORY.resolve(type + ".schema.json"))) {
            return List.of("no schema for type " + type + ": expected docs/events/" + type + ".schema.json");
        }
        Schema schema = SCHEMAS.computeIfAbsent(type, t -> REGISTRY.getSchema(SchemaLocation.of(BASE + t + ".schema.json")));
        return schema.validate(message, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    private static String read(String iri) {
        if (!iri.startsWith(BASE)) {
            return null;
        }
        String name = iri.substring(BASE.length());
        if (!name.matches("[a-z._]+\\.schema\\.json")) {
            return null;
        }
        try {
            return Files.readString(DIRECTORY.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read docs/events/" + name, e);
        }
    }
}
