package dev.storefront.testsupport;

import dev.storefront.samlocal.SamTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/openapi.yaml applied to real HTTP exchanges. Schemas are checked by networknt's
 * json-schema-validator with its OpenAPI 3.1 dialect (JSON Schema 2020-12, the dialect 3.1 uses),
 * formats asserted; the operation, parameters, headers, status codes and media types by this class.
 *
 * <p>The rule: the answer must always be one the spec documents for the operation (status, media
 * type, headers, body). A request the spec calls invalid may be sent on purpose: then the API must
 * refuse it with a 4xx; accepting it is a mismatch too (the spec is stricter than the API).
 */
public final class OpenApiContract {

    /** Where the document is registered for $ref resolution; nothing is fetched from it. */
    private static final String BASE = "https://storefront.dev/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Pattern PARAM = Pattern.compile("\\{([^}/]+)}");
    private static OpenApiContract repo;

    /** One request and its answer, as they went over the wire. Header names in any case. */
    public record Exchange(String method, String pathAndQuery, Map<String, List<String>> requestHeaders, String requestBody,
                           int status, Map<String, List<String>> responseHeaders, String responseBody) {
    }

    /** An operation of the spec: its method and path template, and its node. */
    public record Operation(String method, String path, JsonNode node) {
        public String key() {
            return method + " " + path;
        }

        public boolean localOnly() {
            return node.path("x-local-only").asBoolean(false);
        }
    }

    private final ObjectNode document;
    private final List<Operation> operations = new ArrayList<>();
    private final List<Pattern> templates = new ArrayList<>();
    /** Inline schemas by node identity: two equal inline schemas are still two places. */
    private final Map<JsonNode, String> inlineSchemaNames = new IdentityHashMap<>();
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    private final SchemaRegistry registry;

    private OpenApiContract(ObjectNode document) {
        this.document = document;
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                operations.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), op.getValue()));
                templates.add(Pattern.compile(PARAM.matcher(Pattern.quote(path.getKey()))
                        .replaceAll(m -> Matcher.quoteReplacement("\\E([^/]+)\\Q"))));
            }
        }));
        ObjectNode schemas = document.with("components").with("schemas");
        registerInlineSchemas(schemas);
        String text = document.toString();
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), builder -> builder
                .resourceLoaders(loaders -> loaders.resources(iri -> iri.equals(BASE) ? text : null))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    /** The repository's docs/openapi.yaml, read once. */
    public static synchronized OpenApiContract repo() {
        if (repo == null) {
            repo = load(SamTemplate.findRepoRoot().resolve("docs/openapi.yaml"));
        }
        return repo;
    }

    public static OpenApiContract load(Path yaml) {
        try {
            Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(yaml));
            return new OpenApiContract(JSON.valueToTree(tree));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + yaml, e);
        }
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }

    public JsonNode document() {
        return document;
    }

    /** Fails with the method, the path and every mismatch unless the exchange conforms. */
    public void assertConforms(Exchange exchange) {
        List<String> violations = violations(exchange);
        if (!violations.isEmpty()) {
            throw new AssertionError(exchange.method() + " " + exchange.pathAndQuery() + " -> " + exchange.status()
                    + " does not match docs/openapi.yaml:\n  " + String.join("\n  ", violations)
                    + "\nresponse: " + abbreviate(exchange.responseBody()));
        }
    }

    /** Every mismatch of the exchange against the spec; empty when it conforms. */
    public List<String> violations(Exchange exchange) {
        String path = exchange.pathAndQuery();
        int q = path.indexOf('?');
        String rawPath = q < 0 ? path : path.substring(0, q);
        String rawQuery = q < 0 ? null : path.substring(q + 1);
        Optional<Match> match = match(exchange.method(), rawPath);
        if (match.isEmpty()) {
            // The gateway's own answer for a route the template does not have.
            return exchange.status() == 404 ? List.of()
                    : List.of("no operation " + exchange.method() + " " + rawPath + " in the spec, yet the answer was " + exchange.status());
        }
        Operation operation = match.get().operation();
        List<String> request = requestViolations(operation, match.get().pathParameters(), rawQuery, exchange);
        List<String> violations = new ArrayList<>(responseViolations(operation, exchange));
        if (!request.isEmpty() && (exchange.status() < 400 || exchange.status() >= 500)) {
            request.forEach(v -> violations.add("the request breaks the spec but was answered " + exchange.status() + ": " + v));
        }
        return violations;
    }

    /** Every example of a request or response body that its own schema refuses; empty when all are valid. */
    public List<String> exampleViolations() {
        List<String> violations = new ArrayList<>();
        for (Operation op : operations) {
            List<Map.Entry<String, JsonNode>> bodies = new ArrayList<>();
            bodies.add(Map.entry("request body", resolve(op.node().path("requestBody"))));
            op.node().path("responses").fields().forEachRemaining(r -> bodies.add(Map.entry("response " + r.getKey(), resolve(r.getValue()))));
            for (Map.Entry<String, JsonNode> body : bodies) {
                body.getValue().path("content").fields().forEachRemaining(media -> media.getValue().path("examples").fields().forEachRemaining(example -> {
                    JsonNode value = resolve(example.getValue()).path("value");
                    String where = op.key() + " " + body.getKey() + " example " + example.getKey();
                    violations.addAll(errors(schemaPointer(media.getValue().path("schema"), where), value, where));
                }));
            }
        }
        return violations;
    }

    private record Match(Operation operation, Map<String, String> pathParameters) {
    }

    /** The operation whose template matches, preferring literal segments over parameters. */
    private Optional<Match> match(String method, String rawPath) {
        Match best = null;
        int bestParams = Integer.MAX_VALUE;
        for (int i = 0; i < operations.size(); i++) {
            Operation op = operations.get(i);
            Matcher m = templates.get(i).matcher(rawPath);
            if (!op.method().equals(method) || !m.matches()) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            Matcher names = PARAM.matcher(op.path());
            int group = 1;
            while (names.find()) {
                params.put(names.group(1), decode(m.group(group++)));
            }
            if (params.size() < bestParams) {
                best = new Match(op, params);
                bestParams = params.size();
            }
        }
        return Optional.ofNullable(best);
    }

    private List<String> requestViolations(Operation op, Map<String, String> pathParameters, String rawQuery, Exchange exchange) {
        List<String> violations = new ArrayList<>();
        Map<String, List<String>> query = parseQuery(rawQuery);
        for (JsonNode parameter : parameters(op)) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            String value = switch (in) {
                case "path" -> pathParameters.get(name);
                case "query" -> query.getOrDefault(name, List.of()).stream().findFirst().orElse(null);
                case "header" -> first(exchange.requestHeaders(), name);
                default -> null;
            };
            String where = in + " parameter " + name;
            if (value == null) {
                if (parameter.path("required").asBoolean(false)) {
                    violations.add(where + " is required");
                }
                continue;
            }
            violations.addAll(validateText(schemaPointer(parameter.path("schema"), "parameter"), parameter.path("schema"), value, where));
        }
        JsonNode security = op.node().has("security") ? op.node().get("security") : document.path("security");
        boolean anonymousAllowed = security.isMissingNode() || security.isEmpty();
        for (JsonNode requirement : security) {
            anonymousAllowed |= requirement.isEmpty();
        }
        if (!anonymousAllowed && first(exchange.requestHeaders(), "authorization") == null) {
            violations.add("security: the operation needs a bearer token and none was sent");
        }
        JsonNode body = resolve(op.node().path("requestBody"));
        String sent = exchange.requestBody();
        boolean hasBody = sent != null && !sent.isEmpty();
        if (body.isMissingNode()) {
            if (hasBody) {
                violations.add("request body: the operation takes none");
            }
        } else if (!hasBody) {
            if (body.path("required").asBoolean(false)) {
                violations.add("request body is required");
            }
        } else {
            String type = mediaType(first(exchange.requestHeaders(), "content-type"));
            JsonNode media = body.path("content").path(type == null ? "" : type);
            if (media.isMissingNode()) {
                violations.add("request content-type " + type + " is not one of " + fieldNames(body.path("content")));
            } else {
                violations.addAll(validateJson(media.path("schema"), sent, "request body"));
            }
        }
        return violations;
    }

    private List<String> responseViolations(Operation op, Exchange exchange) {
        JsonNode responses = op.node().path("responses");
        JsonNode response = responses.has(String.valueOf(exchange.status())) ? responses.get(String.valueOf(exchange.status()))
                : responses.path("default");
        if (response.isMissingNode()) {
            return List.of("status " + exchange.status() + " is not documented (documented: " + fieldNames(responses) + ")");
        }
        response = resolve(response);
        List<String> violations = new ArrayList<>();
        response.path("headers").fields().forEachRemaining(h -> {
            JsonNode header = resolve(h.getValue());
            String value = first(exchange.responseHeaders(), h.getKey());
            if (value == null) {
                if (header.path("required").asBoolean(false)) {
                    violations.add("response header " + h.getKey() + " is required");
                }
            } else {
                violations.addAll(validateText(schemaPointer(header.path("schema"), "header"), header.path("schema"), value,
                        "response header " + h.getKey()));
            }
        });
        String body = exchange.responseBody();
        if (body == null || body.isEmpty()) {
            if (response.has("content")) {
                violations.add("response body is empty, the spec documents " + fieldNames(response.path("content")));
            }
            return violations;
        }
        String type = mediaType(first(exchange.responseHeaders(), "content-type"));
        JsonNode media = response.path("content").path(type == null ? "" : type);
        if (media.isMissingNode()) {
            violations.add("response content-type " + type + " is not one of " + fieldNames(response.path("content")));
        } else if (type.endsWith("json")) {
            violations.addAll(validateJson(media.path("schema"), body, "response body"));
        }
        return violations;
    }

    private List<JsonNode> parameters(Operation op) {
        List<JsonNode> parameters = new ArrayList<>();
        document.path("paths").path(op.path()).path("parameters").forEach(p -> parameters.add(resolve(p)));
        op.node().path("parameters").forEach(p -> parameters.add(resolve(p)));
        return parameters;
    }

    /** A parameter or header value as text: parsed as the schema's type first (query strings carry no types). */
    private List<String> validateText(String pointer, JsonNode schema, String value, String where) {
        JsonNode resolved = resolve(schema);
        String type = resolved.path("type").isTextual() ? resolved.path("type").asText() : "string";
        JsonNode instance;
        if (type.equals("integer") || type.equals("number")) {
            try {
                instance = JSON.readTree(value);
                if (instance == null || !instance.isNumber()) {
                    return List.of(where + ": " + quote(value) + " is not a number");
                }
            } catch (IOException e) {
                return List.of(where + ": " + quote(value) + " is not a number");
            }
        } else if (type.equals("boolean")) {
            if (!value.equals("true") && !value.equals("false")) {
                return List.of(where + ": " + quote(value) + " is not true or false");
            }
            instance = JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(value));
        } else {
            instance = JSON.getNodeFactory().textNode(value);
        }
        return errors(pointer, instance, where);
    }

    private List<String> validateJson(JsonNode schema, String text, String where) {
        JsonNode instance;
        try {
            instance = JSON.readTree(text);
        } catch (IOException e) {
            return List.of(where + " is not JSON: " + e.getMessage());
        }
        return errors(schemaPointer(schema, where), instance, where);
    }

    private List<String> errors(String pointer, JsonNode instance, String where) {
        Schema schema = compiled.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(BASE + p)));
        List<String> out = new ArrayList<>();
        for (Error error : schema.validate(instance)) {
            String at = error.getInstanceLocation().toString();
            out.add(where + " at " + (at.isEmpty() ? "/" : at) + ": " + error.getMessage());
        }
        return out;
    }

    /**
     * The JSON pointer of a schema in the document: a {@code $ref} as it is, an inline schema by the
     * name it was registered under in components/schemas (path templates in pointers would need escaping).
     */
    private String schemaPointer(JsonNode schema, String where) {
        if (schema.size() == 1 && schema.has("$ref") && schema.get("$ref").asText().startsWith("#/")) {
            return "#" + schema.get("$ref").asText().substring(1);
        }
        String name = inlineSchemaNames.get(schema);
        if (name == null) {
            throw new IllegalStateException("no schema registered for " + where + ": " + schema);
        }
        return "#/components/schemas/" + name;
    }

    /** Every inline schema under paths and components (not components/schemas) gets a name in components/schemas. */
    private void registerInlineSchemas(ObjectNode schemas) {
        List<JsonNode> found = new ArrayList<>();
        collectSchemas(document.path("paths"), found);
        for (String section : List.of("parameters", "headers", "responses", "requestBodies")) {
            collectSchemas(document.path("components").path(section), found);
        }
        int n = 0;
        for (JsonNode schema : found) {
            String name = "__inline" + n++;
            schemas.set(name, schema.deepCopy());
            inlineSchemaNames.put(schema, name);
        }
    }

    private static void collectSchemas(JsonNode node, List<JsonNode> found) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("schema") && field.getValue().isObject()) {
                    found.add(field.getValue());
                } else if (!field.getKey().equals("examples") && !field.getKey().equals("example")) {
                    collectSchemas(field.getValue(), found);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectSchemas(child, found));
        }
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            current = document.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    private static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return query;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }

    private static String mediaType(String contentType) {
        return contentType == null ? null : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String quote(String value) {
        return "'" + value + "'";
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 600 ? body.substring(0, 600) + "..." : body;
    }
}
