package dev.storefront.http;

import io.micronaut.json.tree.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What operators may see of a stored body (audit summaries, dead-letter samples): the same JSON
 * with personal data and secrets replaced by {@link #REDACTED}. Keys are matched whatever their case:
 * addresses and contact fields by name, secrets by what the name contains.
 */
public final class Redaction {

    public static final String REDACTED = "[redacted]";

    private static final Set<String> PERSONAL = Set.of("email", "shippingaddress", "billingaddress", "address", "phone",
            "sourceip", "ip");
    private static final List<String> SECRET = List.of("secret", "token", "password", "signature", "authorization");

    private Redaction() {
    }

    public static JsonNode redact(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : node.entries()) {
                fields.put(field.getKey(), hidden(field.getKey()) ? JsonNode.createStringNode(REDACTED) : redact(field.getValue()));
            }
            return JsonNode.createObjectNode(fields);
        }
        if (node.isArray()) {
            List<JsonNode> items = new java.util.ArrayList<>();
            node.values().forEach(value -> items.add(redact(value)));
            return JsonNode.createArrayNode(items);
        }
        return node;
    }

    static boolean hidden(String key) {
        String name = key.toLowerCase(Locale.ROOT);
        return PERSONAL.contains(name) || SECRET.stream().anyMatch(name::contains);
    }
}
