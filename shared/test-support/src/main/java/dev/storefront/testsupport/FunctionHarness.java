package dev.storefront.testsupport;

import dev.storefront.samlocal.Emulators;
import dev.storefront.samlocal.IsolatedFunction;
import dev.storefront.samlocal.LambdaEnvironment;
import dev.storefront.samlocal.LambdaInvoker;
import dev.storefront.samlocal.RouteTable;
import dev.storefront.samlocal.SamFunction;
import dev.storefront.samlocal.ScratchFolders;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.samlocal.SqsEvents;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A function of template.yaml under test in this JVM: its real handler class, the environment the
 * template gives it, its tables in the shared emulators, events as JSON through the Lambda
 * runtime's serializers. Requests are matched against the function's own routes in the template,
 * so a route the template does not give this function fails the test instead of passing it.
 *
 * <p>The environment reaches Micronaut as system properties, so functions with different
 * environments need separate test JVMs (Maven runs each module in its own).
 */
public final class FunctionHarness {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SamFunction function;
    private final LambdaInvoker invoker;
    private final RouteTable<SamFunction> routes = new RouteTable<>();

    private FunctionHarness(SamFunction function, LambdaInvoker invoker) {
        this.function = function;
        this.invoker = invoker;
        function.httpRoutes().forEach(route -> routes.add(route, function));
    }

    public static FunctionHarness start(String logicalId) {
        return start(logicalId, Map.of());
    }

    /** With some environment variables replaced, e.g. a shorter hold time for a scheduled job. */
    public static FunctionHarness start(String logicalId, Map<String, String> environmentOverrides) {
        TestStack stack = TestStack.shared();
        SamFunction function = stack.template().function(logicalId);
        Emulators emulators = stack.emulators();
        Map<String, String> environment = new java.util.LinkedHashMap<>(LambdaEnvironment.of(function, stack.resources(),
                emulators.dynamoEndpoint(), emulators.sqsEndpoint(), emulators.region()));
        environment.putAll(environmentOverrides);
        LambdaEnvironment.asProperties(environment).forEach(System::setProperty);
        LambdaEnvironment.useLocalCredentials();
        return new FunctionHarness(function, LambdaInvoker.start(function, Thread.currentThread().getContextClassLoader()));
    }

    /**
     * Another function than the one under test (a test of checkout needs the catalog and carts):
     * from its built jar in its own class loader, exactly as the local runtime runs it. Its
     * module must be built first; the reactor builds function modules in declaration order.
     */
    public static FunctionHarness fromJar(String logicalId) {
        TestStack stack = TestStack.shared();
        SamFunction function = stack.template().function(logicalId);
        Emulators emulators = stack.emulators();
        IsolatedFunction.activate();
        // Deleted when the test JVM exits: the function stays loaded from it until then.
        Path work = ScratchFolders.create("function-" + logicalId);
        return new FunctionHarness(function, IsolatedFunction.start(function, LambdaEnvironment.of(function, stack.resources(),
                emulators.dynamoEndpoint(), emulators.sqsEndpoint(), emulators.region()), work));
    }

    public HttpResult http(HttpCall call) {
        Optional<RouteTable.Match<SamFunction>> match = routes.match(call.method(), call.rawPath());
        if (match.isEmpty()) {
            throw new AssertionError(function.logicalId() + " has no route in template.yaml for " + call.method() + " " + call.rawPath());
        }
        if (match.get().route().authorizer() != null && !call.passesAuthorizer()) {
            // API Gateway answers for the function: it never runs without a valid token.
            return new HttpResult(401, Map.of("content-type", "application/json"), "{\"message\":\"Unauthorized\"}");
        }
        String requestId = UUID.randomUUID().toString();
        return HttpResult.fromLambdaResult(invoke(call.event(match.get().route(), match.get().pathParameters(), requestId), requestId));
    }

    /** Invokes with a raw event, e.g. a fixture file; a handler failure fails the test. */
    public String invoke(String eventJson, String requestId) {
        try {
            return invoker.invoke(eventJson, requestId);
        } catch (LambdaInvoker.HandlerFailure e) {
            throw new AssertionError(e.getMessage(), e.getCause());
        }
    }

    /**
     * Delivers messages as one batch from the template's queue {@code queueLogicalId}, as its
     * event-source mapping would; the positions (0-based, in the order given) the function reported
     * in {@code batchItemFailures}.
     */
    public List<Integer> deliver(String queueLogicalId, List<Message> messages) {
        TestStack stack = TestStack.shared();
        String response = invoke(SqsEvents.event(stack.resources().queueArn(queueLogicalId), stack.emulators().region(), messages),
                UUID.randomUUID().toString());
        Set<String> failed = new HashSet<>();
        try {
            JSON.readTree(response).path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (failed.contains(messages.get(i).messageId())) {
                positions.add(i);
            }
        }
        return positions;
    }

    public HttpResult invokeHttp(String eventJson) {
        return HttpResult.fromLambdaResult(invoke(eventJson, UUID.randomUUID().toString()));
    }
}
