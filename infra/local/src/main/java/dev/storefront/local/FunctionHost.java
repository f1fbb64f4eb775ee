package dev.storefront.local;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import dev.storefront.testsupport.SamFunction;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * One function as Lambda runs it: its own shaded jar in its own class loader (parent: the JDK
 * only, so a dependency missing from the jar fails here as it would on Lambda), its handler
 * constructed once, each event handed over as JSON and deserialized with the Lambda runtime's own
 * serializers.
 *
 * <p>Environment variables cannot differ per class loader in one JVM, so the template's variables
 * reach the function as {@code application-local-runtime.properties} on its class path, with names
 * converted the way Micronaut converts environment variables (STOREFRONT_TABLES_PRODUCTS becomes
 * storefront.tables.products). {@link LocalRuntime} activates that Micronaut environment.
 */
final class FunctionHost implements AutoCloseable {

    static final String MICRONAUT_ENVIRONMENT = "local-runtime";

    private final SamFunction function;
    private final URLClassLoader loader;
    private final Object handler;
    private final Method handleRequest;
    private final boolean streaming;
    private final PojoSerializer<Object> input;
    private final PojoSerializer<Object> output;
    private final Class<?> contextType;

    private FunctionHost(SamFunction function, URLClassLoader loader) throws ReflectiveOperationException {
        this.function = function;
        this.loader = loader;
        Class<?> handlerClass = Class.forName(function.handler().split("::")[0], true, loader);
        this.contextType = Class.forName("com.amazonaws.services.lambda.runtime.Context", false, loader);
        this.handler = inLoader(() -> handlerClass.getConstructor().newInstance());
        this.streaming = implementsByName(handlerClass, HandlerTypes.STREAM_HANDLER);
        if (streaming) {
            this.handleRequest = handlerClass.getMethod("handleRequest", InputStream.class, OutputStream.class, contextType);
            this.input = null;
            this.output = null;
        } else {
            HandlerTypes.Types types = HandlerTypes.of(handlerClass);
            this.handleRequest = handlerClass.getMethod("handleRequest", Object.class, contextType);
            this.input = serializerFor(types.input());
            this.output = serializerFor(types.output());
        }
    }

    /** Loads and initializes (cold-starts) the function. */
    static FunctionHost start(SamFunction function, Map<String, String> environment, Path workDir) throws IOException {
        if (!Files.isRegularFile(function.codeUri())) {
            throw new IllegalStateException(function.logicalId() + ": " + function.codeUri()
                    + " does not exist; build it with `make build`");
        }
        Path overlay = workDir.resolve(function.logicalId());
        Files.createDirectories(overlay);
        Properties properties = new Properties();
        environment.forEach((name, value) -> properties.setProperty(name.toLowerCase().replace('_', '.'), value));
        try (OutputStream out = Files.newOutputStream(overlay.resolve("application-" + MICRONAUT_ENVIRONMENT + ".properties"))) {
            properties.store(out, "Environment of " + function.logicalId() + " from template.yaml");
        }
        URLClassLoader loader = new URLClassLoader(function.logicalId(),
                new URL[]{function.codeUri().toUri().toURL(), overlay.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        try {
            return new FunctionHost(function, loader);
        } catch (ReflectiveOperationException | RuntimeException e) {
            loader.close();
            throw new IllegalStateException(function.logicalId() + ": handler " + function.handler()
                    + " could not be started from " + function.codeUri(), e instanceof InvocationTargetException ite ? ite.getCause() : e);
        }
    }

    String name() {
        return function.logicalId();
    }

    SamFunction function() {
        return function;
    }

    /** Invokes the handler with an event as JSON and returns its result as JSON. */
    String invoke(String eventJson, String requestId) throws FunctionError {
        Object context = LambdaContext.create(contextType, loader, function, requestId);
        try {
            return inLoader(() -> {
                if (streaming) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    handleRequest.invoke(handler, new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, context);
                    return out.toString(StandardCharsets.UTF_8);
                }
                Object event = input.fromJson(eventJson);
                Object result = handleRequest.invoke(handler, event, context);
                if (result == null) {
                    return "null";
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                output.toJson(result, out);
                return out.toString(StandardCharsets.UTF_8);
            });
        } catch (InvocationTargetException e) {
            throw new FunctionError(function.logicalId(), e.getCause());
        } catch (Exception e) {
            throw new FunctionError(function.logicalId(), e);
        }
    }

    /** What Lambda reports when a handler throws: the function failed, the caller gets an error. */
    static final class FunctionError extends Exception {
        FunctionError(String function, Throwable cause) {
            super(function + " failed: " + cause, cause);
        }
    }

    private <T> T inLoader(Callable<T> work) throws ReflectiveOperationException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.call();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new InvocationTargetException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @SuppressWarnings("unchecked")
    private PojoSerializer<Object> serializerFor(Class<?> type) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, loader);
        }
        return (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
    }

    private static boolean implementsByName(Class<?> type, String interfaceName) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(interfaceName) || implementsByName(i, interfaceName)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }

    /** The Context a handler receives, implemented against the function's own copy of the interface. */
    static final class LambdaContext {
        private LambdaContext() {
        }

        static Object create(Class<?> contextType, ClassLoader loader, SamFunction function, String requestId) {
            long deadline = System.currentTimeMillis() + function.timeoutSeconds() * 1000L;
            Class<?> loggerType;
            try {
                loggerType = Class.forName("com.amazonaws.services.lambda.runtime.LambdaLogger", false, loader);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            Object logger = Proxy.newProxyInstance(loader, new Class<?>[]{loggerType}, (proxy, method, args) -> {
                if (method.getName().equals("log") && args != null && args.length > 0) {
                    System.out.print(args[0] instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : args[0]);
                }
                return null;
            });
            String name = function.logicalId();
            return Proxy.newProxyInstance(loader, new Class<?>[]{contextType}, (proxy, method, args) -> switch (method.getName()) {
                case "getAwsRequestId" -> requestId;
                case "getLogGroupName" -> "/aws/lambda/" + name;
                case "getLogStreamName" -> "local";
                case "getFunctionName" -> name;
                case "getFunctionVersion" -> "$LATEST";
                case "getInvokedFunctionArn" -> "arn:aws:lambda:us-east-1:000000000000:function:" + name;
                case "getRemainingTimeInMillis" -> (int) Math.max(0, deadline - System.currentTimeMillis());
                case "getMemoryLimitInMB" -> 1024;
                case "getLogger" -> logger;
                case "toString" -> "LocalContext[" + name + "/" + requestId + "]";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> null;
            });
        }
    }
}
