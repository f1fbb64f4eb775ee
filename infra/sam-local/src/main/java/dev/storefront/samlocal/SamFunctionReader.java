package dev.storefront.samlocal;

import static dev.storefront.samlocal.TemplateValues.at;
import static dev.storefront.samlocal.TemplateValues.map;
import static dev.storefront.samlocal.TemplateValues.mergeGlobals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns the template's {@code AWS::Serverless::Function} resources into {@link SamFunction}s. */
final class SamFunctionReader {

    /** Lambda's own default when a function sets no Timeout. */
    private static final int DEFAULT_TIMEOUT_SECONDS = 3;
    private static final String NO_AUTHORIZER = "NONE";

    private final SamTemplate template;

    SamFunctionReader(SamTemplate template) {
        this.template = template;
    }

    List<SamFunction> read() {
        Map<String, Object> globals = map(template.globals().get("Function"), "Globals.Function");
        List<SamFunction> functions = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            if (SamTemplate.FUNCTION.equals(resource.get("Type"))) {
                Map<String, Object> own = map(resource.get("Properties"), id + ".Properties");
                functions.add(function(id, map(mergeGlobals(globals, own), id + ".Properties")));
            }
        });
        return functions;
    }

    private SamFunction function(String id, Map<String, Object> properties) {
        List<HttpRoute> routes = new ArrayList<>();
        List<EventSource> sources = new ArrayList<>();
        map(properties.get("Events"), id + ".Events").forEach((name, value) -> {
            Map<String, Object> event = map(value, id + ".Events." + name);
            Object type = event.get("Type");
            if (!(type instanceof String typeName)) {
                throw new IllegalArgumentException("Event " + id + "." + name + " has no Type");
            }
            Map<String, Object> eventProperties = map(event.get("Properties"), id + ".Events." + name + ".Properties");
            if (typeName.equals("HttpApi")) {
                routes.add(route(name, eventProperties));
            } else {
                sources.add(new EventSource(name, typeName, eventProperties));
            }
        });
        return new SamFunction(
                id,
                (String) properties.get("Handler"),
                codeUri(properties.get("CodeUri")),
                map(at(properties, "Environment", "Variables"), id + ".Environment.Variables"),
                timeout(id, properties.get("Timeout")),
                routes,
                sources,
                properties);
    }

    /** Only a plain string is a local path; an S3 location (a mapping) has no local code. */
    private Path codeUri(Object codeUri) {
        return codeUri instanceof String path ? template.root().resolve(path).normalize() : null;
    }

    private int timeout(String id, Object timeout) {
        if (timeout == null) {
            return DEFAULT_TIMEOUT_SECONDS;
        }
        // A Timeout may be a !Ref to a Number parameter; its Default is what runs locally.
        String resolved = IntrinsicResolver.forTemplate(template, "us-east-1").resolveString(timeout);
        try {
            return Integer.parseInt(resolved);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(id + ".Timeout is not a whole number of seconds: " + resolved, e);
        }
    }

    private HttpRoute route(String name, Map<String, Object> properties) {
        // SAM: an HttpApi event without Method and Path is the API's catch-all $default route.
        String method = properties.get("Method") == null ? "ANY" : properties.get("Method").toString().toUpperCase(Locale.ROOT);
        if (method.equals("X-AMAZON-APIGATEWAY-ANY-METHOD")) {
            method = "ANY";
        }
        String path = properties.get("Path") == null ? "$default" : properties.get("Path").toString();
        Object authorizer = at(properties, "Auth", "Authorizer");
        if (authorizer == null) {
            authorizer = defaultAuthorizer(properties.get("ApiId"));
        }
        return new HttpRoute(name, method, path,
                authorizer == null || NO_AUTHORIZER.equals(authorizer) ? null : authorizer.toString());
    }

    /** The DefaultAuthorizer of the route's API: an explicit HttpApi resource or SAM's implicit one. */
    private Object defaultAuthorizer(Object apiId) {
        Map<String, Object> globals = map(template.globals().get("HttpApi"), "Globals.HttpApi");
        Map<String, Object> api = globals;
        if (apiId != null) {
            Object ref = apiId instanceof Map<?, ?> m ? m.get("Ref") : null;
            if (!(ref instanceof String logicalId) || !SamTemplate.HTTP_API.equals(template.resourceType(logicalId))) {
                throw new IllegalArgumentException("HttpApi event ApiId must be !Ref to an " + SamTemplate.HTTP_API
                        + " resource but is " + apiId);
            }
            api = map(mergeGlobals(globals, template.properties(logicalId)), logicalId + ".Properties");
        }
        return at(api, "Auth", "DefaultAuthorizer");
    }
}
