package dev.storefront.http;

import dev.storefront.domain.Problem;
import dev.storefront.domain.pricing.TaxClass;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON object from a request body, read with strict types: a number where a string belongs, a
 * fraction where an integer belongs, or a field the route does not know is a 400 naming the field
 * (with its path, e.g. {@code variants[1].price.amount}). Clients can never set fields a route does
 * not read, which is the defence against mass assignment.
 */
public final class JsonObject {

    /** Longest string any field accepts unless a route says less. */
    public static final int MAX_STRING_LENGTH = 4000;

    private final Map<String, Object> fields;
    private final String path;

    JsonObject(Map<String, Object> fields, String path) {
        this.fields = fields;
        this.path = path;
    }

    /** Refuses any field not named here. */
    public JsonObject allowOnly(String... names) {
        Set<String> allowed = Set.of(names);
        for (String name : fields.keySet()) {
            if (!allowed.contains(name)) {
                throw Problem.invalid(pathOf(name), "unknown field " + Problem.quote(pathOf(name))
                        + "; this request accepts " + String.join(", ", names));
            }
        }
        return this;
    }

    public boolean has(String name) {
        return fields.containsKey(name) && fields.get(name) != JsonBody.NULL;
    }

    public String string(String name, int maxLength) {
        Object value = required(name);
        if (!(value instanceof String text)) {
            throw typeProblem(name, "a string");
        }
        if (text.length() > Math.min(maxLength, MAX_STRING_LENGTH)) {
            throw Problem.invalid(pathOf(name), pathOf(name) + " must be at most " + maxLength + " characters");
        }
        if (!isCleanText(text)) {
            throw Problem.invalid(pathOf(name), pathOf(name) + " holds control characters or broken unicode");
        }
        return text;
    }

    public String optionalString(String name, int maxLength) {
        return has(name) ? string(name, maxLength) : null;
    }

    /** An ISO 4217 currency code such as EUR. */
    public String currency(String name) {
        String code = string(name, 3);
        if (!dev.storefront.domain.Money.isCurrency(code)) {
            throw Problem.invalid(pathOf(name), pathOf(name) + " must be an ISO 4217 currency code such as EUR or USD");
        }
        return code;
    }

    /** A tax class: {@code standard}, {@code reduced} or {@code zero}. */
    public TaxClass taxClass(String name) {
        String value = string(name, 10);
        try {
            return TaxClass.parse(value);
        } catch (Problem wrongClass) {
            throw Problem.invalid(pathOf(name), pathOf(name) + " must be standard, reduced or zero, not " + Problem.quote(value));
        }
    }

    public long integer(String name, long min, long max) {
        Object value = required(name);
        if (!(value instanceof BigDecimal number) || !JsonBody.isInteger(number)) {
            throw typeProblem(name, "an integer");
        }
        if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw Problem.invalid(pathOf(name), pathOf(name) + " must be from " + min + " to " + max);
        }
        return number.longValueExact();
    }

    public boolean bool(String name) {
        if (!(required(name) instanceof Boolean value)) {
            throw typeProblem(name, "true or false");
        }
        return value;
    }

    /** An array of strings, each at most {@code maxLength} characters. */
    public List<String> strings(String name, int maxItems, int maxLength) {
        Object value = required(name);
        if (!(value instanceof List<?> list)) {
            throw typeProblem(name, "an array");
        }
        if (list.size() > maxItems) {
            throw Problem.invalid(pathOf(name), pathOf(name) + " holds at most " + maxItems + " items");
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put(name + "[" + i + "]", list.get(i));
            strings.add(new JsonObject(one, path).string(name + "[" + i + "]", maxLength));
        }
        return strings;
    }

    public JsonObject object(String name) {
        Object value = required(name);
        if (!(value instanceof Map<?, ?> map)) {
            throw typeProblem(name, "an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        return new JsonObject(typed, pathOf(name));
    }

    public List<JsonObject> objects(String name, int maxItems) {
        Object value = required(name);
        if (!(value instanceof List<?> list)) {
            throw typeProblem(name, "an array");
        }
        if (list.size() > maxItems) {
            throw Problem.invalid(pathOf(name), pathOf(name) + " holds at most " + maxItems + " items");
        }
        List<JsonObject> objects = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw Problem.invalid(pathOf(name) + "[" + i + "]", pathOf(name) + "[" + i + "] must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) map;
            objects.add(new JsonObject(typed, pathOf(name) + "[" + i + "]"));
        }
        return objects;
    }

    /** An object whose values are all strings (attributes, labels); absent reads as empty. */
    public Map<String, String> stringMap(String name, int maxEntries, int maxValueLength) {
        if (!has(name)) {
            return Map.of();
        }
        JsonObject object = object(name);
        if (object.fields.size() > maxEntries) {
            throw Problem.invalid(pathOf(name), pathOf(name) + " holds at most " + maxEntries + " entries");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : object.fields.keySet()) {
            values.put(key, object.string(key, maxValueLength));
        }
        return values;
    }

    private Object required(String name) {
        Object value = fields.get(name);
        if (value == null || value == JsonBody.NULL) {
            throw Problem.invalid(pathOf(name), pathOf(name) + " is required");
        }
        return value;
    }

    private Problem typeProblem(String name, String expected) {
        return Problem.invalid(pathOf(name), pathOf(name) + " must be " + expected);
    }

    private String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** No control characters but newline and tab, no unpaired surrogates. */
    static boolean isCleanText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
