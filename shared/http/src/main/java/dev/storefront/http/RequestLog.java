package dev.storefront.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.Map;

/**
 * One structured line per request (route, status, duration), and the request's ids in the MDC so
 * every line logged while serving it carries them: API Gateway's requestId and the business ids
 * from the path (productId, sku, cartId, orderId), beside the Lambda invocation's request id
 * ({@value #LAMBDA_REQUEST_ID}, which Lambda's own REPORT line carries). Never headers or bodies:
 * they hold tokens, emails and addresses.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestLog {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
    private static final String STARTED = RequestLog.class.getName() + ".started";
    /** The MDC key under which Micronaut's Lambda handler puts the invocation's request id as the invocation starts. */
    public static final String LAMBDA_REQUEST_ID = "AWSRequestId";

    @RequestFilter
    public void start(HttpRequest<?> request) {
        String invocation = MDC.get(LAMBDA_REQUEST_ID);
        MDC.clear();  // a previous request's ids, if its end was never reached
        if (invocation != null) {
            MDC.put(LAMBDA_REQUEST_ID, invocation);
        }
        request.setAttribute(STARTED, System.nanoTime());
        if (request instanceof APIGatewayV2HTTPEventServletRequest<?> lambda) {
            APIGatewayV2HTTPEvent event = lambda.getNativeRequest();
            if (event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
                MDC.put("requestId", event.getRequestContext().getRequestId());
            }
            if (event.getRouteKey() != null) {
                MDC.put("route", event.getRouteKey());
            }
            Map<String, String> path = event.getPathParameters();
            if (path != null) {
                path.forEach((name, value) -> MDC.put(name, value.length() > 80 ? value.substring(0, 80) : value));
            }
        }
    }

    @ResponseFilter
    public void end(HttpRequest<?> request, MutableHttpResponse<?> response) {
        long started = request.getAttribute(STARTED, Long.class).orElse(System.nanoTime());
        MDC.put("status", Integer.toString(response.code()));
        MDC.put("durationMs", Long.toString((System.nanoTime() - started) / 1_000_000));
        LOG.info("{} {} {}", request.getMethodName(), request.getPath(), response.code());
        MDC.clear();
    }
}
