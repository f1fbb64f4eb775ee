package dev.storefront.local.sources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An SQS mapping's {@code FilterCriteria}, applied as Lambda applies it: a message is delivered when
 * any pattern matches it, and a message no pattern matches is deleted without an invocation. A pattern
 * is matched against {@code {"body": <the body as JSON, else its text>, "attributes": {...},
 * "messageAttributes": {...}}}: every key of an object must match, a list matches a value equal to
 * one of its scalars. Lambda's operators ({@code prefix}, {@code exists}, {@code numeric},
 * {@code anything-but}) are refused at start-up rather than silently ignored: the template would
 * filter differently on AWS.
 */
final class MessageFilter {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final MessageFilter NONE = new MessageFilter(List.of());

    private final List<JsonNode> patterns;

    private MessageFilter(List<JsonNode> patterns) {
        this.patterns = patterns;
    }

    /** The mapping's {@code FilterCriteria.Filters[].Pattern}; {@link #NONE} when it has none. */
    static MessageFilter of(SourceProperties properties) {
        Object filters = properties.at("FilterCriteria", "Filters");
        if (filters == null) {
            return NONE;
        }
        if (!(filters instanceof List<?> list) || list.isEmpty() || list.size() > 5) {
            throw properties.invalid("FilterCriteria.Filters must be a list of 1 to 5 filters");
        }
        List<JsonNode> patterns = new ArrayList<>();
        for (Object filter : list) {
            Object pattern = filter instanceof Map<?, ?> map ? map.get("Pattern") : null;
            if (pattern == null) {
                throw properties.invalid("every FilterCriteria filter needs a Pattern");
            }
            JsonNode node;
            try {
                node = JSON.readTree(pattern.toString());
            } catch (JsonProcessingException e) {
                throw properties.invalid("FilterCriteria Pattern is not JSON: " + pattern);
            }
            if (!node.isObject()) {
                throw properties.invalid("FilterCriteria Pattern must be a JSON object: " + pattern);
            }
            refuseOperators(node, properties);
            patterns.add(node);
        }
        return new MessageFilter(List.copyOf(patterns));
    }

    boolean isNone() {
        return patterns.isEmpty();
    }

    boolean accepts(Message message) {
        if (patterns.isEmpty()) {
            return true;
        }
        JsonNode document = document(message);
        return patterns.stream().anyMatch(pattern -> matches(pattern, document));
    }

    private static boolean matches(JsonNode pattern, JsonNode value) {
        if (pattern.isObject()) {
            if (value == null || !value.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!matches(field.getValue(), value.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        // A list of scalars: the value (or, for a list value, one of its elements) equals one of them.
        if (value == null) {
            return false;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (matches(pattern, element)) {
                    return true;
                }
            }
            return false;
        }
        for (JsonNode allowed : pattern) {
            if (allowed.isNull() ? value.isNull() : allowed.equals(value) || allowed.isNumber() && value.isNumber()
                    && allowed.decimalValue().compareTo(value.decimalValue()) == 0) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode document(Message message) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        JsonNode body;
        try {
            body = JSON.readTree(message.body());
        } catch (JsonProcessingException e) {
            body = null;
        }
        document.set("body", body == null ? JsonNodeFactory.instance.textNode(message.body()) : body);
        ObjectNode attributes = document.putObject("attributes");
        message.attributesAsStrings().forEach(attributes::put);
        ObjectNode messageAttributes = document.putObject("messageAttributes");
        message.messageAttributes().forEach((name, value) -> messageAttributes.putObject(name)
                .put("stringValue", value.stringValue()).put("dataType", value.dataType()));
        return document;
    }

    private static void refuseOperators(JsonNode pattern, SourceProperties properties) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields(); fields.hasNext(); ) {
            JsonNode value = fields.next().getValue();
            if (value.isObject()) {
                refuseOperators(value, properties);
            } else if (!value.isArray() || value.isEmpty()) {
                throw properties.invalid("FilterCriteria Pattern values must be non-empty lists: " + pattern);
            } else {
                for (JsonNode element : value) {
                    if (element.isContainerNode()) {
                        throw properties.invalid("FilterCriteria operators (" + element
                                + ") are not emulated by the local runtime; only lists of values are");
                    }
                }
            }
        }
    }
}
