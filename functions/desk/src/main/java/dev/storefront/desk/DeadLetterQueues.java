package dev.storefront.desk;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stack's dead-letter queues by the names operators use ({@code order-events},
 * {@code fulfilment-updates}, ...), each with the queue it catches for, from one template value
 * {@code STOREFRONT_DESK_DEAD_LETTERS}: {@code name=dlqUrl>sourceUrl}, comma-separated (a name
 * without a source, {@code name=dlqUrl}, can be read and not redriven). No other queue is ever
 * touched: a name not listed is a 404.
 */
@Singleton
class DeadLetterQueues {

    record Queue(String name, String url, String sourceUrl) {
        boolean redrivable() {
            return sourceUrl != null;
        }
    }

    private final Map<String, Queue> queues = new LinkedHashMap<>();

    DeadLetterQueues(@Value("${storefront.desk.dead-letters:}") String spec) {
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("STOREFRONT_DESK_DEAD_LETTERS entry without a name: " + entry);
            }
            String name = entry.substring(0, eq).trim();
            String[] urls = entry.substring(eq + 1).split(">", 2);
            queues.put(name, new Queue(name, urls[0].trim(), urls.length > 1 ? urls[1].trim() : null));
        }
    }

    Collection<Queue> all() {
        return queues.values();
    }

    Optional<Queue> named(String name) {
        return Optional.ofNullable(queues.get(name));
    }
}
