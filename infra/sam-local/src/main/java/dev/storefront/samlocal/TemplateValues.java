package dev.storefront.samlocal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers for walking the untyped maps and lists a template parses into. */
final class TemplateValues {

    private TemplateValues() {
    }

    /** The value as a string-keyed map; an absent (null) value is an empty map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(what + " must be a mapping but is " + describe(value));
    }

    /** The value as a list; an absent (null) value is an empty list. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Object value, String what) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new IllegalArgumentException(what + " must be a list but is " + describe(value));
    }

    /** Follows {@code keys} through nested mappings; null as soon as one is missing. */
    static Object at(Map<String, Object> root, String... keys) {
        Object current = root;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    /** True for {@code {Ref: ...}} and {@code {"Fn::...": ...}}: a value CloudFormation computes. */
    static boolean isIntrinsic(Object value) {
        if (!(value instanceof Map<?, ?> map) || map.size() != 1) {
            return false;
        }
        Object key = map.keySet().iterator().next();
        return key instanceof String name && (name.equals("Ref") || name.startsWith("Fn::"));
    }

    /**
     * SAM's Globals merge: mappings merge key by key, lists concatenate (globals first), anything
     * else, and any intrinsic, is replaced by the resource's own value.
     */
    static Object mergeGlobals(Object global, Object own) {
        if (own == null) {
            return global;
        }
        if (global instanceof Map<?, ?> g && own instanceof Map<?, ?> o && !isIntrinsic(g) && !isIntrinsic(o)) {
            Map<String, Object> merged = new LinkedHashMap<>(map(g, "Globals"));
            map(o, "Properties").forEach((key, value) -> merged.put(key, mergeGlobals(merged.get(key), value)));
            return merged;
        }
        if (global instanceof List<?> g && own instanceof List<?> o) {
            List<Object> merged = new ArrayList<>(g);
            merged.addAll(o);
            return merged;
        }
        return own;
    }

    /** A deeply unmodifiable copy, so one caller cannot change a template another one shares. */
    static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>(map.size() * 2);
            map.forEach((k, v) -> copy.put(k, freeze(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(freeze(item)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}
