package dev.storefront.samlocal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;

/**
 * Starts a function as Lambda runs it: its own shaded jar in its own class loader whose parent is
 * the JDK alone, so a dependency missing from the jar, or a bean of another function, fails here
 * as it would on Lambda. Used by the local runtime for every function, and by handler tests for the
 * functions around the one under test.
 *
 * <p>Environment variables cannot differ per class loader in one JVM, so the function's variables
 * reach it as {@code application-local-runtime.properties} on its class path, beside the jar; the
 * {@value #MICRONAUT_ENVIRONMENT} Micronaut environment must be active (see {@link #activate()}).
 */
public final class IsolatedFunction {

    public static final String MICRONAUT_ENVIRONMENT = "local-runtime";

    private IsolatedFunction() {
    }

    /** Makes every function started afterwards read its overlay; JVM-wide, and harmless to others. */
    public static void activate() {
        System.setProperty("micronaut.environments", MICRONAUT_ENVIRONMENT);
        LambdaEnvironment.useLocalCredentials();
    }

    /** Loads and cold-starts the function from its jar, with its environment, working in {@code workDir}. */
    public static LambdaInvoker start(SamFunction function, Map<String, String> environment, Path workDir) {
        if (function.codeUri() == null || !Files.isRegularFile(function.codeUri())) {
            throw new IllegalStateException(function.logicalId() + ": " + function.codeUri()
                    + " does not exist; build it with `make build`");
        }
        try {
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
            // The loader stays open for the JVM's life: handlers register shutdown hooks that load classes.
            URLClassLoader loader = new URLClassLoader(function.logicalId(),
                    new URL[]{code.toUri().toURL(), overlay.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            return LambdaInvoker.start(function, loader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
