package dev.storefront.local;

import dev.storefront.samlocal.IsolatedFunction;
import dev.storefront.samlocal.LambdaInvoker;
import dev.storefront.samlocal.SamFunction;

import java.nio.file.Path;
import java.util.Map;

/**
 * One function of the template, running as on Lambda ({@link IsolatedFunction}). Like Lambda it
 * cold-starts on its first invocation (callers arriving meanwhile wait for that start); `make run`
 * also warms every function in the background, so a function that cannot start says so at once.
 */
final class FunctionHost {

    private final SamFunction function;
    private final Map<String, String> environment;
    private final Path workDir;
    private volatile LambdaInvoker invoker;

    FunctionHost(SamFunction function, Map<String, String> environment, Path workDir) {
        this.function = function;
        this.environment = Map.copyOf(environment);
        this.workDir = workDir;
    }

    /** Cold-starts the function if it has not started yet; throws what its start threw. */
    LambdaInvoker started() {
        LambdaInvoker started = invoker;
        if (started == null) {
            synchronized (this) {
                if (invoker == null) {
                    invoker = IsolatedFunction.start(function, environment, workDir);
                }
                started = invoker;
            }
        }
        return started;
    }

    String name() {
        return function.logicalId();
    }

    SamFunction function() {
        return function;
    }

    String invoke(String eventJson, String requestId) throws LambdaInvoker.HandlerFailure {
        LambdaInvoker started;
        try {
            started = started();
        } catch (RuntimeException e) {
            throw new LambdaInvoker.HandlerFailure(function.logicalId(), e);
        }
        return started.invoke(eventJson, requestId);
    }
}
