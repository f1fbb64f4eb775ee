package dev.storefront.eventcontract;

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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The event contract of docs/events/ applied to a message: its {@code type} picks
 * {@code <type>.schema.json} (JSON Schema 2020-12, which refers to {@code envelope.schema.json}),
 * and formats (uuid, date-time, email) are asserted, not just annotated.
 *
 * <p>{@link #packaged()} reads the schemas this module's jar carries (a copy of docs/events taken at
 * build time): what a function validates received messages with. Tests read docs/events itself
 * through {@link #of(Function)}.
 */
public final class EventContract {

    /** The {@code $id} prefix of every schema under docs/events/; nothing is fetched from it. */
    public static final String BASE = "https://storefront.example/events/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PACKAGED = "/dev/storefront/eventcontract/schemas/";
    private static final EventContract PACKAGED_CONTRACT = new EventContract(EventContract::packagedSchema);

    private final Function<String, String> schemas;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    private final SchemaRegistry registry;

    private EventContract(Function<String, String> schemas) {
        this.schemas = schemas;
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder
                        .resourceLoaders(loaders -> loaders.resources(this::read))
                        .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    /** The schemas packaged with this jar. */
    public static EventContract packaged() {
        return PACKAGED_CONTRACT;
    }

    /** Schemas read by file name ({@code order.placed.schema.json}); the reader answers null for none. */
    public static EventContract of(Function<String, String> schemasByFileName) {
        return new EventContract(schemasByFileName);
    }

    /** What is wrong with a message, empty when it is valid for its type's schema. */
    public List<String> errors(String message) {
        JsonNode event;
        try {
            event = JSON.readTree(message);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        if (event == null || !event.isObject()) {
            return List.of("not a JSON object");
        }
        String type = event.path("type").asText("");
        if (!type.matches("[a-z]+\\.[a-z_]+")) {
            return List.of("no event type to choose a schema by: type is " + event.path("type"));
        }
        if (schemas.apply(type + ".schema.json") == null) {
            return List.of("no schema for type " + type + ": expected docs/events/" + type + ".schema.json");
        }
        Schema schema = compiled.computeIfAbsent(type, t -> registry.getSchema(SchemaLocation.of(BASE + t + ".schema.json")));
        return schema.validate(message, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    private String read(String iri) {
        if (!iri.startsWith(BASE)) {
            return null;
        }
        String name = iri.substring(BASE.length());
        // Digits for a type's versions: order.placed.v2.schema.json.
        if (!name.matches("[a-z0-9._]+\\.schema\\.json")) {
            return null;
        }
        return schemas.apply(name);
    }

    private static String packagedSchema(String name) {
        try (InputStream in = EventContract.class.getResourceAsStream(PACKAGED + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the packaged schema " + name, e);
        }
    }
}
