package dev.storefront.local;

import dev.storefront.testsupport.LambdaEnvironment;
import dev.storefront.testsupport.LambdaInvoker;
import dev.storefront.testsupport.SamFunction;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;

/**
 * One function as Lambda runs it: its own shaded jar in its own class loader whose parent is the
 * JDK alone, so a dependency missing from the jar, or a bean of another function, fails here as it
 * would on Lambda.
 *
 * <p>Environment variables cannot differ per class loader in one JVM, so the function's variables
 * reach it as {@code application-local-runtime.properties} on its class path, an extra entry
 * beside the jar; {@link LocalRuntime} activates that Micronaut environment for every function.
 */
final class FunctionHost implements AutoCloseable {

    static final String MICRONAUT_ENVIRONMENT = "local-runtime";

    private final SamFunction function;
    private final LambdaInvoker invoker;

    private FunctionHost(SamFunction function, URLClassLoader loader) {
        this.function = function;
        this.invoker = LambdaInvoker.start(function, loader);
    }

    /** Loads and initializes (cold-starts) the function. */
    static FunctionHost start(SamFunction function, Map<String, String> environment, Path workDir) throws IOException {
        if (function.codeUri() == null || !Files.isRegularFile(function.codeUri())) {
            throw new IllegalStateException(function.logicalId() + ": " + function.codeUri()
                    + " does not exist; build it with `make build`");
        }
        Path overlay = workDir.resolve(function.logicalId());
        Files.createDirectories(overlay);
        Properties properties = new Properties();
        properties.putAll(LambdaEnvironment.asProperties(environment));
        try (OutputStream out = Files.newOutputStream(overlay.resolve("application-" + MICRONAUT_ENVIRONMENT + ".properties"))) {
            properties.store(out, "Environment of " + function.logicalId() + " from template.yaml");
        }
        // Each function gets its own copy of its jar, as each Lambda function gets its own deployment
        // package: Micronaut opens jars as zip file systems, which the JVM shares per path, so two
        // functions from one jar would close each other's.
        Path code = overlay.resolve("code.jar");
        Files.copy(function.codeUri(), code, StandardCopyOption.REPLACE_EXISTING);
        URLClassLoader loader = new URLClassLoader(function.logicalId(),
                new URL[]{code.toUri().toURL(), overlay.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        try {
            return new FunctionHost(function, loader);
        } catch (RuntimeException e) {
            loader.close();
            throw e;
        }
    }

    String name() {
        return function.logicalId();
    }

    SamFunction function() {
        return function;
    }

    String invoke(String eventJson, String requestId) throws LambdaInvoker.HandlerFailure {
        return invoker.invoke(eventJson, requestId);
    }

    /**
     * The class loader stays open: handlers register JVM shutdown hooks (Micronaut closes its
     * context there) that still load classes from it when the JVM exits.
     */
    @Override
    public void close() {
        // nothing to release before exit; see above
    }
}
