package dev.storefront.samlocal;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;

/**
 * One function's own copy of the Lambda Java runtime's serializers (aws-lambda-java-serialization),
 * in a class loader of its own, as each Lambda function has its own runtime.
 *
 * <p>One copy cannot serve several functions in one JVM: the library caches the classes it looks up
 * in the function's class loader (event classes it adds Jackson mixins to, joda-time's
 * {@code DateTime}) by name in a static map, so the second function to deserialize, say, an
 * SQSEvent or a ScheduledEvent would get the first function's classes configured and its own left
 * plain: unmapped fields ({@code Keys} of a stream record null) or failed events.
 */
final class RuntimeSerializers {

    private static final String PACKAGE = "com.amazonaws.services.lambda.runtime.serialization.";

    private final ClassLoader functionLoader;
    private final Method isSupportedEvent;
    private final Method serializerFor;
    private final Object jackson;
    private final Method jacksonSerializer;
    private final Method fromJson;
    private final Method toJson;

    private RuntimeSerializers(ClassLoader functionLoader, ClassLoader library) throws ReflectiveOperationException {
        this.functionLoader = functionLoader;
        Class<?> events = Class.forName(PACKAGE + "events.LambdaEventSerializers", true, library);
        this.isSupportedEvent = events.getMethod("isLambdaSupportedEvent", String.class);
        this.serializerFor = events.getMethod("serializerFor", Class.class, ClassLoader.class);
        Class<?> factory = Class.forName(PACKAGE + "factories.JacksonFactory", true, library);
        this.jackson = factory.getMethod("getInstance").invoke(null);
        this.jacksonSerializer = factory.getMethod("getSerializer", Class.class);
        Class<?> pojoSerializer = Class.forName(PACKAGE + "PojoSerializer", true, library);
        this.fromJson = pojoSerializer.getMethod("fromJson", String.class);
        this.toJson = pojoSerializer.getMethod("toJson", Object.class, OutputStream.class);
    }

    /** Loads a fresh copy of the library for the function whose classes {@code functionLoader} loads. */
    static RuntimeSerializers forFunction(String functionName, ClassLoader functionLoader) {
        try {
            URL jar = LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation();
            // The library is self-contained (its Jackson and org.json are shaded in), so the JDK is its only parent.
            ClassLoader library = new URLClassLoader("lambda-serialization-" + functionName, new URL[]{jar},
                    ClassLoader.getPlatformClassLoader());
            return new RuntimeSerializers(functionLoader, library);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot load aws-lambda-java-serialization for " + functionName, e);
        }
    }

    /** How the Lambda runtime reads and writes {@code type}: with its event serializers, else plain Jackson. */
    Serializer serializerFor(Class<?> type) {
        try {
            boolean event = (boolean) isSupportedEvent.invoke(null, type.getName());
            Object serializer = event ? serializerFor.invoke(null, type, functionLoader) : jacksonSerializer.invoke(jackson, type);
            return new Serializer(serializer);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create the Lambda runtime's serializer for " + type.getName(), e);
        }
    }

    /** A PojoSerializer of the function's copy of the library. */
    final class Serializer {

        private final Object delegate;

        private Serializer(Object delegate) {
            this.delegate = delegate;
        }

        Object fromJson(String json) throws Exception {
            try {
                return RuntimeSerializers.this.fromJson.invoke(delegate, json);
            } catch (InvocationTargetException e) {
                throw rethrowable(e);
            }
        }

        String toJson(Object value) throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                RuntimeSerializers.this.toJson.invoke(delegate, value, out);
            } catch (InvocationTargetException e) {
                throw rethrowable(e);
            }
            return out.toString(StandardCharsets.UTF_8);
        }

        private Exception rethrowable(InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            return (Exception) cause;
        }
    }
}
