package dev.storefront.samlocal;

import static dev.storefront.samlocal.TemplateValues.describe;
import static dev.storefront.samlocal.TemplateValues.list;
import static dev.storefront.samlocal.TemplateValues.map;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Computes CloudFormation intrinsic functions ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}, ...)
 * the way a deployed stack would, against a local context: parameter defaults (or overrides), pseudo
 * parameters, and the physical ids of the resources created locally. Immutable; the {@code with...}
 * methods return a copy with more context.
 *
 * <p>Anything it cannot compute fails with an {@link IllegalArgumentException} naming it, so a template
 * that needs something new fails loudly instead of running with a wrong value.
 */
public final class IntrinsicResolver {

    /** The account DynamoDB Local and ElasticMQ report, used in every fake ARN. */
    public static final String ACCOUNT_ID = "000000000000";
    public static final String DEFAULT_STACK_NAME = "storefront-local";

    /** What {@code Ref AWS::NoValue} resolves to: the enclosing key or list item disappears. */
    private static final Object NO_VALUE = new Object();
    private static final Pattern LIST_PARAMETER = Pattern.compile("CommaDelimitedList|List<.*>");

    private final SamTemplate template;
    private final String region;
    private final String stackName;
    private final Map<String, String> parameterOverrides;
    private final Map<String, String> physicalIds;
    private final Map<String, String> attributes;

    private IntrinsicResolver(SamTemplate template, String region, String stackName,
            Map<String, String> parameterOverrides, Map<String, String> physicalIds, Map<String, String> attributes) {
        this.template = Objects.requireNonNull(template, "template");
        this.region = Objects.requireNonNull(region, "region");
        this.stackName = Objects.requireNonNull(stackName, "stackName");
        this.parameterOverrides = Collections.unmodifiableMap(new LinkedHashMap<>(parameterOverrides));
        this.physicalIds = Collections.unmodifiableMap(new LinkedHashMap<>(physicalIds));
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** A resolver with parameter defaults, the pseudo parameters and no resources yet. */
    public static IntrinsicResolver forTemplate(SamTemplate template, String region) {
        return new IntrinsicResolver(template, region, DEFAULT_STACK_NAME, Map.of(), Map.of(), Map.of());
    }

    public IntrinsicResolver withStackName(String stackName) {
        return new IntrinsicResolver(template, region, stackName, parameterOverrides, physicalIds, attributes);
    }

    /** Parameter values that win over the template's Defaults, as {@code sam deploy --parameter-overrides}. */
    public IntrinsicResolver withParameterOverrides(Map<String, String> overrides) {
        return new IntrinsicResolver(template, region, stackName, merged(parameterOverrides, overrides), physicalIds, attributes);
    }

    /** What {@code Ref} of a resource gives: a table's name, a queue's URL. Adds to those already known. */
    public IntrinsicResolver withPhysicalIds(Map<String, String> ids) {
        return new IntrinsicResolver(template, region, stackName, parameterOverrides, merged(physicalIds, ids), attributes);
    }

    /**
     * Attribute values keyed {@code LogicalId.Attribute} (e.g. {@code OrdersTable.StreamArn}); they win
     * over the computed ones. Adds to those already known.
     */
    public IntrinsicResolver withAttributes(Map<String, String> values) {
        return new IntrinsicResolver(template, region, stackName, parameterOverrides, physicalIds, merged(attributes, values));
    }

    public String region() {
        return region;
    }

    public String stackName() {
        return stackName;
    }

    public Map<String, String> physicalIds() {
        return physicalIds;
    }

    /**
     * {@code value} with every intrinsic inside it computed. Mappings and lists are copied;
     * entries that resolve to {@code AWS::NoValue} are dropped. Null for a top-level {@code AWS::NoValue}.
     */
    public Object resolve(Object value) {
        Object resolved = resolveNode(value);
        return resolved == NO_VALUE ? null : resolved;
    }

    /** {@link #resolve} to a single string: numbers and booleans in their plain text form. */
    public String resolveString(Object value) {
        return asString(resolve(value), value);
    }

    /** {@code Ref logicalIdOrParameter} as a string. */
    public String ref(String name) {
        return asString(refValue(name), "Ref " + name);
    }

    /** {@code Fn::GetAtt logicalId.attribute}. */
    public String getAtt(String logicalId, String attribute) {
        String known = attributes.get(logicalId + "." + attribute);
        if (known != null) {
            return known;
        }
        String type = template.resourceType(logicalId);
        String physicalId = physicalIds.get(logicalId);
        if (type == null || physicalId == null) {
            throw new IllegalArgumentException("Cannot resolve Fn::GetAtt " + logicalId + "." + attribute
                    + ": " + (type == null ? "no such resource" : "no physical id known for this " + type));
        }
        if (type.equals(SamTemplate.TABLE) && attribute.equals("Arn")) {
            return "arn:aws:dynamodb:" + region + ":" + ACCOUNT_ID + ":table/" + physicalId;
        }
        if (type.equals(SamTemplate.QUEUE)) {
            String queueName = physicalId.substring(physicalId.lastIndexOf('/') + 1);
            switch (attribute) {
                case "Arn":
                    return "arn:aws:sqs:" + region + ":" + ACCOUNT_ID + ":" + queueName;
                case "QueueUrl":
                    return physicalId;
                case "QueueName":
                    return queueName;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("Cannot resolve Fn::GetAtt " + logicalId + "." + attribute
                + ": attribute not known locally for " + type);
    }

    private Object resolveNode(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (TemplateValues.isIntrinsic(map)) {
                Map.Entry<?, ?> entry = map.entrySet().iterator().next();
                return intrinsic((String) entry.getKey(), entry.getValue());
            }
            Map<Object, Object> resolved = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object r = resolveNode(v);
                if (r != NO_VALUE) {
                    resolved.put(k, r);
                }
            });
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>(list.size());
            for (Object item : list) {
                Object r = resolveNode(item);
                if (r != NO_VALUE) {
                    resolved.add(r);
                }
            }
            return resolved;
        }
        return value;
    }

    private Object intrinsic(String function, Object argument) {
        switch (function) {
            case "Ref":
                return refValue(asString(resolveNode(argument), argument));
            case "Fn::GetAtt":
                return getAtt(argument);
            case "Fn::Sub":
                return sub(argument);
            case "Fn::Join":
                return join(argument);
            case "Fn::Select":
                return select(argument);
            case "Fn::Split":
                return split(argument);
            case "Fn::If":
                return ifThenElse(argument);
            case "Fn::FindInMap":
                return findInMap(argument);
            case "Fn::Base64":
                return Base64.getEncoder().encodeToString(resolveString(argument).getBytes(StandardCharsets.UTF_8));
            case "Fn::Equals":
            case "Fn::And":
            case "Fn::Or":
            case "Fn::Not":
                return bool(Map.of(function, argument));
            default:
                throw new IllegalArgumentException("Unsupported intrinsic function " + function + " (argument " + argument + ")");
        }
    }

    private Object refValue(String name) {
        switch (name) {
            case "AWS::Region":
                return region;
            case "AWS::AccountId":
                return ACCOUNT_ID;
            case "AWS::StackName":
                return stackName;
            case "AWS::StackId":
                return "arn:aws:cloudformation:" + region + ":" + ACCOUNT_ID + ":stack/" + stackName + "/local";
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::NotificationARNs":
                return List.of();
            case "AWS::NoValue":
                return NO_VALUE;
            default:
                break;
        }
        if (template.parameters().containsKey(name)) {
            return parameter(name);
        }
        if (physicalIds.containsKey(name)) {
            return physicalIds.get(name);
        }
        String type = template.resourceType(name);
        throw new IllegalArgumentException("Cannot resolve Ref " + name + ": " + (type == null
                ? "no such parameter or resource"
                : "no physical id known for this " + type + " (only tables and queues exist locally)"));
    }

    private Object parameter(String name) {
        Map<String, Object> declaration = map(template.parameters().get(name), "Parameters." + name);
        Object value = parameterOverrides.containsKey(name) ? parameterOverrides.get(name) : declaration.get("Default");
        if (value == null) {
            throw new IllegalArgumentException("Parameter " + name + " has no Default and no override");
        }
        Object type = declaration.get("Type");
        if (type instanceof String t && LIST_PARAMETER.matcher(t).matches() && !(value instanceof List<?>)) {
            return List.of(value.toString().split(",", -1));
        }
        return value;
    }

    private String getAtt(Object argument) {
        Object resolved = resolveNode(argument);
        List<Object> parts;
        if (resolved instanceof String dotted && dotted.indexOf('.') > 0) {
            parts = List.of(dotted.substring(0, dotted.indexOf('.')), dotted.substring(dotted.indexOf('.') + 1));
        } else {
            parts = list(resolved, "Fn::GetAtt");
        }
        if (parts.size() != 2) {
            throw new IllegalArgumentException("Fn::GetAtt needs [LogicalId, Attribute] but got " + argument);
        }
        return getAtt(asString(parts.get(0), argument), asString(parts.get(1), argument));
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> pair) {
            if (pair.size() != 2) {
                throw new IllegalArgumentException("Fn::Sub needs a string or [string, {variables}] but got " + argument);
            }
            text = asString(pair.get(0), argument);
            variables = map(pair.get(1), "Fn::Sub variables");
        } else {
            text = asString(argument, argument);
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        int start;
        while ((start = text.indexOf("${", from)) >= 0) {
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw new IllegalArgumentException("Unterminated ${ in Fn::Sub \"" + text + "\"");
            }
            out.append(text, from, start);
            String name = text.substring(start + 2, end);
            if (name.startsWith("!")) {
                out.append("${").append(name.substring(1)).append('}');  // ${!Literal} escapes a placeholder
            } else {
                out.append(subVariable(name.strip(), variables));
            }
            from = end + 1;
        }
        return out.append(text.substring(from)).toString();
    }

    private String subVariable(String name, Map<String, Object> variables) {
        if (variables.containsKey(name)) {
            return resolveString(variables.get(name));
        }
        int dot = name.indexOf('.');
        if (dot > 0 && !name.startsWith("AWS::")) {
            return getAtt(name.substring(0, dot), name.substring(dot + 1));
        }
        return ref(name);
    }

    private String join(Object argument) {
        List<Object> pair = list(argument, "Fn::Join");
        if (pair.size() != 2) {
            throw new IllegalArgumentException("Fn::Join needs [delimiter, [values]] but got " + argument);
        }
        String delimiter = asString(pair.get(0), argument);
        List<String> parts = new ArrayList<>();
        for (Object item : list(resolveNode(pair.get(1)), "Fn::Join values")) {
            parts.add(asString(item, argument));
        }
        return String.join(delimiter, parts);
    }

    private Object select(Object argument) {
        List<Object> pair = list(argument, "Fn::Select");
        if (pair.size() != 2) {
            throw new IllegalArgumentException("Fn::Select needs [index, [values]] but got " + argument);
        }
        int index = Integer.parseInt(resolveString(pair.get(0)));
        List<Object> values = list(resolveNode(pair.get(1)), "Fn::Select values");
        if (index < 0 || index >= values.size()) {
            throw new IllegalArgumentException("Fn::Select index " + index + " out of range for " + values);
        }
        return values.get(index);
    }

    private List<String> split(Object argument) {
        List<Object> pair = list(argument, "Fn::Split");
        if (pair.size() != 2) {
            throw new IllegalArgumentException("Fn::Split needs [delimiter, string] but got " + argument);
        }
        String delimiter = asString(pair.get(0), argument);
        String text = resolveString(pair.get(1));
        return List.of(text.split(Pattern.quote(delimiter), -1));
    }

    private Object ifThenElse(Object argument) {
        List<Object> args = list(argument, "Fn::If");
        if (args.size() != 3) {
            throw new IllegalArgumentException("Fn::If needs [condition, valueIfTrue, valueIfFalse] but got " + argument);
        }
        return resolveNode(condition(asString(args.get(0), argument)) ? args.get(1) : args.get(2));
    }

    private Object findInMap(Object argument) {
        List<Object> keys = list(resolveNode(argument), "Fn::FindInMap");
        if (keys.size() != 3) {
            throw new IllegalArgumentException("Fn::FindInMap needs [MapName, TopLevelKey, SecondLevelKey] but got " + argument);
        }
        Object value = TemplateValues.at(template.mappings(),
                asString(keys.get(0), argument), asString(keys.get(1), argument), asString(keys.get(2), argument));
        if (value == null) {
            throw new IllegalArgumentException("Fn::FindInMap found nothing for " + keys);
        }
        return value;
    }

    private boolean condition(String name) {
        if (!template.conditions().containsKey(name)) {
            throw new IllegalArgumentException("No condition " + name + " in Conditions");
        }
        return bool(template.conditions().get(name));
    }

    /** A condition expression: Fn::Equals/And/Or/Not, {@code {Condition: Name}}, or a boolean value. */
    private boolean bool(Object expression) {
        if (expression instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> entry = map.entrySet().iterator().next();
            Object key = entry.getKey();
            if ("Condition".equals(key)) {
                return condition(asString(entry.getValue(), expression));
            }
            if ("Fn::Equals".equals(key) || "Fn::And".equals(key) || "Fn::Or".equals(key) || "Fn::Not".equals(key)) {
                List<Object> args = list(entry.getValue(), (String) key);
                switch ((String) key) {
                    case "Fn::Equals":
                        if (args.size() != 2) {
                            throw new IllegalArgumentException("Fn::Equals needs two values but got " + args);
                        }
                        return resolveString(args.get(0)).equals(resolveString(args.get(1)));
                    case "Fn::And":
                        return args.stream().allMatch(this::bool);
                    case "Fn::Or":
                        return args.stream().anyMatch(this::bool);
                    default:
                        if (args.size() != 1) {
                            throw new IllegalArgumentException("Fn::Not needs one condition but got " + args);
                        }
                        return !bool(args.get(0));
                }
            }
        }
        Object resolved = resolve(expression);
        if (resolved instanceof Boolean b) {
            return b;
        }
        if ("true".equals(resolved) || "false".equals(resolved)) {
            return Boolean.parseBoolean((String) resolved);
        }
        throw new IllegalArgumentException("Not a condition: " + expression);
    }

    private static String asString(Object resolved, Object source) {
        if (resolved instanceof String s) {
            return s;
        }
        if (resolved instanceof Double || resolved instanceof Float || resolved instanceof BigDecimal) {
            return new BigDecimal(resolved.toString()).toPlainString();
        }
        if (resolved instanceof Number || resolved instanceof Boolean) {
            return resolved.toString();
        }
        throw new IllegalArgumentException("Expected a single value but " + describe(source)
                + (resolved == source ? "" : " resolves to " + (resolved == NO_VALUE ? "AWS::NoValue" : describe(resolved))));
    }

    private static Map<String, String> merged(Map<String, String> base, Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(base);
        merged.putAll(more);
        return merged;
    }
}
