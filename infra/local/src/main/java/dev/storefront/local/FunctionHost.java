package dev.storefront.local;

import dev.storefront.testsupport.IsolatedFunction;
import dev.storefront.testsupport.LambdaInvoker;
import dev.storefront.testsupport.SamFunction;

import java.nio.file.Path;
import java.util.Map;

/** One function of the template, running as on Lambda ({@link IsolatedFunction}), as the gateway and pollers see it. */
final class FunctionHost {

    private final SamFunction function;
    private final LambdaInvoker invoker;

    private FunctionHost(SamFunction function, LambdaInvoker invoker) {
        this.function = function;
        this.invoker = invoker;
    }

    /** Loads and initializes (cold-starts) the function. */
    static FunctionHost start(SamFunction function, Map<String, String> environment, Path workDir) {
        return new FunctionHost(function, IsolatedFunction.start(function, environment, workDir));
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
}
