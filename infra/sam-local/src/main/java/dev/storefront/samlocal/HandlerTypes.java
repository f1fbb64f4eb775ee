package dev.storefront.samlocal;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the input and output classes of a {@code RequestHandler<I, O>} implementation, following
 * type variables through generic superclasses (a handler may extend {@code MicronautRequestHandler<I, O>}),
 * as the Lambda Java runtime does before it deserializes an event.
 */
final class HandlerTypes {

    static final String REQUEST_HANDLER = "com.amazonaws.services.lambda.runtime.RequestHandler";
    static final String STREAM_HANDLER = "com.amazonaws.services.lambda.runtime.RequestStreamHandler";

    record Types(Class<?> input, Class<?> output) {
    }

    private HandlerTypes() {
    }

    static Types of(Class<?> handler) {
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        for (Class<?> type = handler; type != null; type = type.getSuperclass()) {
            Types found = search(type, bindings);
            if (found != null) {
                return found;
            }
            if (type.getGenericSuperclass() instanceof ParameterizedType parent) {
                bind(parent, bindings);
            }
        }
        throw new IllegalArgumentException(handler.getName() + " does not implement " + REQUEST_HANDLER);
    }

    private static Types search(Class<?> type, Map<TypeVariable<?>, Type> bindings) {
        for (Type iface : type.getGenericInterfaces()) {
            if (iface instanceof ParameterizedType p && ((Class<?>) p.getRawType()).getName().equals(REQUEST_HANDLER)) {
                Type[] args = p.getActualTypeArguments();
                return new Types(raw(args[0], bindings), raw(args[1], bindings));
            }
            Class<?> raw = iface instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) iface;
            if (iface instanceof ParameterizedType p) {
                bind(p, bindings);
            }
            Types inherited = search(raw, bindings);
            if (inherited != null) {
                return inherited;
            }
        }
        return null;
    }

    private static void bind(ParameterizedType type, Map<TypeVariable<?>, Type> bindings) {
        TypeVariable<?>[] variables = ((Class<?>) type.getRawType()).getTypeParameters();
        Type[] args = type.getActualTypeArguments();
        for (int i = 0; i < variables.length; i++) {
            bindings.put(variables[i], args[i]);
        }
    }

    private static Class<?> raw(Type type, Map<TypeVariable<?>, Type> bindings) {
        while (type instanceof TypeVariable<?> variable && bindings.containsKey(variable)) {
            type = bindings.get(variable);
        }
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }
}
