package dev.storefront.samlocal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * Invokes a handler the way the Lambda Java runtime does: constructs it once with the function's
 * class loader as the context loader, deserializes each JSON event with the runtime's own
 * serializers (aws-lambda-java-serialization, which knows the events library's quirks; a copy of its
 * own per function, see {@link RuntimeSerializers}), passes a Context, and serializes the result
 * back to JSON. Used by the local runtime (each function in its
 * own class loader) and by handler tests (the test's class loader).
 */
public final class LambdaInvoker {

    private final String functionName;
    private final int timeoutSeconds;
    private final ClassLoader loader;
    private final Object handler;
    private final Method handleRequest;
    private final boolean streaming;
    private final RuntimeSerializers.Serializer input;
    private final RuntimeSerializers.Serializer output;
    private final Class<?> contextType;
    private final Class<?> loggerType;

    private LambdaInvoker(SamFunction function, ClassLoader loader) throws Exception {
        this.functionName = function.logicalId();
        this.timeoutSeconds = function.timeoutSeconds();
        this.loader = loader;
        Class<?> handlerClass = Class.forName(function.handler().split("::")[0], true, loader);
        this.contextType = Class.forName("com.amazonaws.services.lambda.runtime.Context", false, loader);
        this.loggerType = Class.forName("com.amazonaws.services.lambda.runtime.LambdaLogger", false, loader);
        this.handler = inLoader(() -> handlerClass.getConstructor().newInstance());
        this.streaming = implementsByName(handlerClass, HandlerTypes.STREAM_HANDLER);
        if (streaming) {
            this.handleRequest = handlerClass.getMethod("handleRequest", InputStream.class, OutputStream.class, contextType);
            this.input = null;
            this.output = null;
        } else {
            HandlerTypes.Types types = HandlerTypes.of(handlerClass);
            RuntimeSerializers serializers = RuntimeSerializers.forFunction(functionName, loader);
            this.handleRequest = handlerClass.getMethod("handleRequest", Object.class, contextType);
            this.input = serializers.serializerFor(types.input());
            this.output = serializers.serializerFor(types.output());
        }
    }

    /** Loads the function's handler class from the loader and constructs it (the cold start). */
    public static LambdaInvoker start(SamFunction function, ClassLoader loader) {
        try {
            return new LambdaInvoker(function, loader);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(function.logicalId() + ": handler " + function.handler() + " failed to start", e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(function.logicalId() + ": handler " + function.handler() + " failed to start", e);
        }
    }

    /**
     * Shuts the function down as Lambda's SHUTDOWN does: a handler that is closeable (Micronaut's
     * close their application context, so @PreDestroy beans and their threads stop) is closed.
     */
    public void close() {
        if (handler instanceof AutoCloseable closeable) {
            try {
                inLoader(() -> {
                    closeable.close();
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException(functionName + " failed to shut down", e);
            }
        }
    }

    /** Invokes the handler with an event as JSON and returns its result as JSON. */
    public String invoke(String eventJson, String requestId) throws HandlerFailure {
        Object context = context(requestId);
        try {
            return inLoader(() -> {
                if (streaming) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    handleRequest.invoke(handler, new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, context);
                    return out.toString(StandardCharsets.UTF_8);
                }
                Object result = handleRequest.invoke(handler, input.fromJson(eventJson), context);
                return result == null ? "null" : output.toJson(result);
            });
        } catch (InvocationTargetException e) {
            throw new HandlerFailure(functionName, e.getCause());
        } catch (Exception e) {
            throw new HandlerFailure(functionName, e);
        }
    }

    /** The handler threw: on Lambda an invocation error, through API Gateway a 500. */
    public static final class HandlerFailure extends Exception {
        /** Public so that fakes of a function (in tests of event sources) can fail like one. */
        public HandlerFailure(String function, Throwable cause) {
            super(function + " failed: " + cause, cause);
        }
    }

    private <T> T inLoader(Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
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

    /** The Context a handler receives, implemented against the function's own copy of the interface. */
    private Object context(String requestId) {
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        Object logger = Proxy.newProxyInstance(loader, new Class<?>[]{loggerType}, (proxy, method, args) -> {
            if (method.getName().equals("log") && args != null && args.length > 0) {
                System.out.print(args[0] instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : args[0]);
            }
            return null;
        });
        return Proxy.newProxyInstance(loader, new Class<?>[]{contextType}, (proxy, method, args) -> switch (method.getName()) {
            case "getAwsRequestId" -> requestId;
            case "getLogGroupName" -> "/aws/lambda/" + functionName;
            case "getLogStreamName" -> "local";
            case "getFunctionName" -> functionName;
            case "getFunctionVersion" -> "$LATEST";
            case "getInvokedFunctionArn" -> "arn:aws:lambda:" + System.getProperty("aws.region", "us-east-1") + ":"
                    + IntrinsicResolver.ACCOUNT_ID + ":function:" + functionName;
            case "getRemainingTimeInMillis" -> (int) Math.max(0, deadline - System.currentTimeMillis());
            case "getMemoryLimitInMB" -> 1024;
            case "getLogger" -> logger;
            case "toString" -> "LambdaContext[" + functionName + "/" + requestId + "]";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> null;
        });
    }
}
