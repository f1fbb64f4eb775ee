package dev.storefront.samlocal;

import static dev.storefront.samlocal.TemplateValues.freeze;
import static dev.storefront.samlocal.TemplateValues.map;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed SAM/CloudFormation template: the one source of truth for the functions, routes, tables and
 * queues that tests and the local runtime recreate. Values are kept unresolved (intrinsics in long
 * form); {@link IntrinsicResolver} computes them. Immutable, so one instance can be shared.
 */
public final class SamTemplate {

    public static final String FILE_NAME = "template.yaml";
    public static final String FUNCTION = "AWS::Serverless::Function";
    public static final String HTTP_API = "AWS::Serverless::HttpApi";
    public static final String TABLE = "AWS::DynamoDB::Table";
    public static final String QUEUE = "AWS::SQS::Queue";

    private final Path file;
    private final Map<String, Object> raw;
    private final Map<String, Map<String, Object>> resources;
    private final List<SamFunction> functions;

    private SamTemplate(Path file, Map<String, Object> raw) {
        this.file = file;
        this.raw = raw;
        this.resources = readResources(raw);
        this.functions = List.copyOf(new SamFunctionReader(this).read());
    }

    /** Parses {@code templateYaml}; fails with the file name on unreadable or malformed input. */
    @SuppressWarnings("unchecked")
    public static SamTemplate load(Path templateYaml) {
        Path file = templateYaml.toAbsolutePath().normalize();
        return new SamTemplate(file, (Map<String, Object>) freeze(CloudFormationYaml.read(file)));
    }

    /** The nearest directory at or above {@code user.dir} holding a {@code template.yaml}. */
    public static Path findRepoRoot() {
        Path start = Paths.get(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(FILE_NAME))) {
                return dir;
            }
        }
        throw new IllegalStateException("No " + FILE_NAME + " in " + start
                + " or any parent directory; run from inside the repository checkout");
    }

    /** The directory holding the template; {@code CodeUri}s are relative to it. */
    public Path root() {
        return file.getParent();
    }

    public Path file() {
        return file;
    }

    /** The whole document, unresolved and unmodifiable. */
    public Map<String, Object> raw() {
        return raw;
    }

    /** Logical id to resource ({@code Type}, {@code Properties}, ...), in template order. */
    public Map<String, Map<String, Object>> resources() {
        return resources;
    }

    /** The resources of one {@code Type}, in template order. */
    public Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> matching = new LinkedHashMap<>();
        resources.forEach((id, resource) -> {
            if (type.equals(resource.get("Type"))) {
                matching.put(id, resource);
            }
        });
        return Collections.unmodifiableMap(matching);
    }

    /** The {@code Type} of a resource, or null when the template has no such logical id. */
    public String resourceType(String logicalId) {
        Map<String, Object> resource = resources.get(logicalId);
        return resource == null ? null : (String) resource.get("Type");
    }

    /** A resource's {@code Properties}; empty when it has none. */
    public Map<String, Object> properties(String logicalId) {
        Map<String, Object> resource = resources.get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("No resource " + logicalId + " in " + file);
        }
        return map(resource.get("Properties"), logicalId + ".Properties");
    }

    public Map<String, Object> parameters() {
        return map(raw.get("Parameters"), "Parameters");
    }

    public Map<String, Object> conditions() {
        return map(raw.get("Conditions"), "Conditions");
    }

    public Map<String, Object> mappings() {
        return map(raw.get("Mappings"), "Mappings");
    }

    public Map<String, Object> globals() {
        return map(raw.get("Globals"), "Globals");
    }

    public Map<String, Object> outputs() {
        return map(raw.get("Outputs"), "Outputs");
    }

    /** Every {@code AWS::Serverless::Function}, Globals merged in, in template order. */
    public List<SamFunction> functions() {
        return functions;
    }

    /** The function with this logical id. */
    public SamFunction function(String logicalId) {
        return functions.stream()
                .filter(f -> f.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No " + FUNCTION + " " + logicalId + " in " + file
                        + "; functions: " + functions.stream().map(SamFunction::logicalId).toList()));
    }

    @Override
    public String toString() {
        return "SamTemplate[" + file + "]";
    }

    private static Map<String, Map<String, Object>> readResources(Map<String, Object> raw) {
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        map(raw.get("Resources"), "Resources").forEach((id, value) -> {
            Map<String, Object> resource = map(value, "Resources." + id);
            if (!(resource.get("Type") instanceof String)) {
                throw new IllegalArgumentException("Resource " + id + " has no Type");
            }
            resources.put(id, resource);
        });
        return Collections.unmodifiableMap(resources);
    }
}
