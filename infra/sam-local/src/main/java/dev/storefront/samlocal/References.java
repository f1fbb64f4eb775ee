package dev.storefront.samlocal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The logical ids a template value refers to, through Ref, Fn::GetAtt and Fn::Sub placeholders. */
final class References {

    private static final Pattern SUB_PLACEHOLDER = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private References() {
    }

    static Set<String> in(Object value) {
        Set<String> ids = new LinkedHashSet<>();
        collect(value, ids);
        return ids;
    }

    private static void collect(Object value, Set<String> ids) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> entry = map.entrySet().iterator().next();
                Object argument = entry.getValue();
                switch (String.valueOf(entry.getKey())) {
                    case "Ref":
                        addName(argument, ids);
                        return;
                    case "Fn::GetAtt":
                        if (argument instanceof List<?> parts && !parts.isEmpty()) {
                            addName(parts.get(0), ids);
                        } else if (argument instanceof String dotted) {
                            addName(dotted.split("\\.", 2)[0], ids);
                        }
                        return;
                    case "Fn::Sub":
                        collectSub(argument, ids);
                        return;
                    default:
                        break;
                }
            }
            map.values().forEach(v -> collect(v, ids));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, ids));
        }
    }

    private static void collectSub(Object argument, Set<String> ids) {
        Object text = argument;
        Map<?, ?> variables = Map.of();
        if (argument instanceof List<?> pair && pair.size() == 2) {
            text = pair.get(0);
            variables = pair.get(1) instanceof Map<?, ?> vars ? vars : Map.of();
            variables.values().forEach(v -> collect(v, ids));
        }
        if (text instanceof String template) {
            Matcher matcher = SUB_PLACEHOLDER.matcher(template);
            while (matcher.find()) {
                String name = matcher.group(1).strip().split("\\.", 2)[0];
                if (!variables.containsKey(name)) {
                    addName(name, ids);
                }
            }
        }
    }

    private static void addName(Object name, Set<String> ids) {
        if (name instanceof String id && !id.startsWith("AWS::")) {
            ids.add(id);
        }
    }
}
