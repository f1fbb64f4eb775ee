package dev.storefront.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * SnapStart priming of the HTTP path, beside {@code SnapStartPriming}'s SDK call: before Lambda
 * snapshots a function that API Gateway calls, one request goes through the function's own handler
 * over its running application context, a GET of a path no route has. The snapshot then holds the
 * event's conversion, the router, the filters (request log, security headers), problem rendering
 * and the response's encoding loaded and run once, so a restored function's first shopper does not
 * pay for them. The request changes nothing and emits no funnel event (no route matches).
 *
 * <p>Only where Lambda runs the API Gateway handler ({@code _HANDLER}); outside a CRaC-capable
 * runtime the hook is never called.
 */
@Context
public class HttpPriming implements Resource {

    static final String PATH = "/snapstart-priming";
    private static final Logger LOG = LoggerFactory.getLogger(HttpPriming.class);

    private final ApplicationContext context;

    HttpPriming(ApplicationContext context) {
        this.context = context;
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> ignored) {
        if (APIGatewayV2HTTPEventFunction.class.getName().equals(System.getenv("_HANDLER"))) {
            prime();
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> ignored) {
    }

    /** The priming request; returns its status (404). Never fails the snapshot. */
    public int prime() {
        try {
            // A handler over the running context (not closed: it would close the function's context), and
            // Micronaut's Lambda context for a call no invocation stands behind.
            APIGatewayV2HTTPResponse answer = new APIGatewayV2HTTPEventFunction(context).handleRequest(event(), new MockLambdaContext());
            LOG.info("SnapStart priming: GET {} answered {}", PATH, answer.getStatusCode());
            return answer.getStatusCode();
        } catch (RuntimeException e) {
            LOG.warn("SnapStart priming request failed: {}", e.toString());
            return 0;
        }
    }

    static APIGatewayV2HTTPEvent event() {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(PATH)
                .withRawQueryString("")
                .withHeaders(Map.of("host", "localhost", "accept", "application/json", "user-agent", "snapstart-priming"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("snapstart-priming")
                        .withRouteKey("$default")
                        .withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("GET").withPath(PATH).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").withUserAgent("snapstart-priming")
                                .build())
                        .build())
                .withIsBase64Encoded(false)
                .build();
    }
}
