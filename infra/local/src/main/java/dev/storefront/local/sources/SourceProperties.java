package dev.storefront.local.sources;

import java.util.List;
import java.util.Map;

/**
 * The resolved {@code Properties} of one function event, read with the types and defaults Lambda
 * gives them; a wrong type or value fails naming the event, as {@code sam deploy} would.
 */
final class SourceProperties {

    private final String where;
    private final Map<?, ?> values;

    SourceProperties(String where, Map<?, ?> values) {
        this.where = where;
        this.values = values;
    }

    /** {@code Function.Events.Name}, for messages. */
    String where() {
        return where;
    }

    boolean has(String name) {
        return values.get(name) != null;
    }

    String string(String name) {
        Object value = values.get(name);
        return value == null ? null : value.toString();
    }

    String requiredString(String name) {
        String value = string(name);
        if (value == null || value.isBlank()) {
            throw invalid(name + " is required");
        }
        return value;
    }

    int integer(String name, int fallback, int min, int max) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        int number;
        try {
            number = value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw invalid(name + " must be a whole number but is " + value);
        }
        if (number < min || number > max) {
            throw invalid(name + " must be from " + min + " to " + max + " but is " + number);
        }
        return number;
    }

    boolean bool(String name, boolean fallback) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw invalid(name + " must be true or false but is " + value);
        }
        return Boolean.parseBoolean(text);
    }

    /** {@code FunctionResponseTypes: [ReportBatchItemFailures]}; any other value is refused as Lambda does. */
    boolean reportsBatchItemFailures() {
        Object value = values.get("FunctionResponseTypes");
        if (value == null) {
            return false;
        }
        if (!(value instanceof List<?> types)) {
            throw invalid("FunctionResponseTypes must be a list but is " + value);
        }
        for (Object type : types) {
            if (!"ReportBatchItemFailures".equals(type)) {
                throw invalid("FunctionResponseTypes may only hold ReportBatchItemFailures but holds " + type);
            }
        }
        return !types.isEmpty();
    }

    /** A nested value, e.g. {@code DestinationConfig.OnFailure.Destination}; null when absent. */
    Object at(String... path) {
        Object current = values;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException(where + ": " + problem);
    }
}
