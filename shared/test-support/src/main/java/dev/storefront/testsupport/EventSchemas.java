package dev.storefront.testsupport;

import dev.storefront.samlocal.SamTemplate;

import dev.storefront.eventcontract.EventContract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The event contract of docs/events/ applied to real messages: a message's {@code type} picks
 * {@code <type>.schema.json} (JSON Schema 2020-12, which refers to {@code envelope.schema.json}),
 * and formats (uuid, date-time, email) are asserted, not just annotated. Tests of producers run
 * every message they emit through {@link #assertValid(String)}; a type without a schema fails.
 * The validator is shared/event-contract's (the one functions use at run time), reading the
 * schemas from docs/events in the working tree.
 */
public final class EventSchemas {

    /** The {@code $id} prefix of every schema under docs/events/; nothing is fetched from it. */
    public static final String BASE = EventContract.BASE;

    private static final Path DIRECTORY = SamTemplate.findRepoRoot().resolve("docs/events");
    private static final EventContract CONTRACT = EventContract.of(EventSchemas::read);

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
        return CONTRACT.errors(message);
    }

    private static String read(String name) {
        Path file = DIRECTORY.resolve(name);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read docs/events/" + name, e);
        }
    }
}
