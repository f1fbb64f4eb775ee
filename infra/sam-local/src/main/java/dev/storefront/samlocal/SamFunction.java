package dev.storefront.samlocal;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code AWS::Serverless::Function} with the template's {@code Globals.Function} merged in.
 *
 * @param logicalId      the resource's logical id
 * @param handler        the {@code Handler} property, null for image functions
 * @param codeUri        {@code CodeUri} resolved against the template's directory, null when it is not a
 *                       local path (an S3 location or inline code)
 * @param environment    {@code Environment.Variables}, values still unresolved (may hold intrinsics);
 *                       see {@link StackResources#environmentOf(SamFunction)}
 * @param timeoutSeconds {@code Timeout}, 3 (Lambda's default) when absent
 * @param httpRoutes     its {@code HttpApi} events
 * @param eventSources   its other events (SQS, DynamoDB, Schedule, ...)
 * @param properties     every merged property, unresolved
 */
public record SamFunction(
        String logicalId,
        String handler,
        Path codeUri,
        Map<String, Object> environment,
        int timeoutSeconds,
        List<HttpRoute> httpRoutes,
        List<EventSource> eventSources,
        Map<String, Object> properties) {

    public SamFunction {
        Objects.requireNonNull(logicalId, "logicalId");
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        httpRoutes = List.copyOf(httpRoutes);
        eventSources = List.copyOf(eventSources);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
