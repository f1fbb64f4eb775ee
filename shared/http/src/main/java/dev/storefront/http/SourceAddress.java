package dev.storefront.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventServletRequest;
import io.micronaut.http.HttpRequest;

/**
 * The address a request came from: API Gateway's {@code requestContext.http.sourceIp}, the peer it
 * saw (a client cannot set it, unlike {@code X-Forwarded-For}). Null outside a payload 2.0 event.
 */
public final class SourceAddress {

    private SourceAddress() {
    }

    public static String of(HttpRequest<?> request) {
        if (!(request instanceof APIGatewayV2HTTPEventServletRequest<?> lambda)) {
            return null;
        }
        APIGatewayV2HTTPEvent event = lambda.getNativeRequest();
        if (event.getRequestContext() == null || event.getRequestContext().getHttp() == null) {
            return null;
        }
        String ip = event.getRequestContext().getHttp().getSourceIp();
        return ip == null || ip.isBlank() ? null : ip;
    }
}
