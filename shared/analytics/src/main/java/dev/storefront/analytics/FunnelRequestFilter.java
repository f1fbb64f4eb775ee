package dev.storefront.analytics;

import dev.storefront.domain.insights.TrafficSource;
import dev.storefront.http.RequestLog;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.Optional;

/**
 * The request's side of funnel events, in every HTTP function that has this module: notes the
 * visitor ({@code X-Visitor-Id}, ignored when malformed), its source address (pseudonymised) and
 * its channel and campaign ({@code X-Channel}, {@code X-Campaign}, validated by TrafficSource) for
 * the events recorded while serving the request. Once the response is produced the events must
 * leave before Lambda freezes the instance: on Lambda, {@link FunnelEventsExtension} holds the
 * freeze until they have, and the response goes at once; without it (not registered, the local
 * runtime) the request waits a bounded time (50 ms by default) for them to reach SQS. Handlers and
 * the template's Handler strings stay as they are.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(100)
public class FunnelRequestFilter {

    /** The Lambda invocation the request on this thread serves, noted as it starts: RequestLog clears the MDC before this filter's end. */
    private static final ThreadLocal<String> INVOCATION = new ThreadLocal<>();

    private final SqsFunnelEvents events;
    private final Duration wait;
    private final FunnelEventsExtension extension;

    FunnelRequestFilter(SqsFunnelEvents events, @Value("${storefront.analytics.wait.millis:50}") long waitMillis,
                        Optional<FunnelEventsExtension> extension) {
        this.events = events;
        this.wait = Duration.ofMillis(waitMillis);
        this.extension = extension.filter(FunnelEventsExtension::active).orElse(null);
    }

    @RequestFilter
    public void start(HttpRequest<?> request) {
        invocationStarted();
        CurrentVisitor.set(VisitorId.parse(request.getHeaders().get(VisitorId.HEADER)));
        CurrentVisitor.setSource(SourceId.of(request));
        CurrentVisitor.setTraffic(TrafficSource.channel(request.getHeaders().get(TrafficSource.CHANNEL_HEADER)),
                TrafficSource.campaign(request.getHeaders().get(TrafficSource.CAMPAIGN_HEADER)));
    }

    /** Notes the Lambda invocation's request id, which Micronaut's handler put in the MDC as the invocation began. */
    void invocationStarted() {
        INVOCATION.set(MDC.get(RequestLog.LAMBDA_REQUEST_ID));
    }

    @ResponseFilter
    public void end() {
        try {
            if (extension != null) {
                extension.requestEnded(INVOCATION.get());
            } else {
                events.awaitSent(wait);
            }
        } finally {
            INVOCATION.remove();
            CurrentVisitor.clear();
        }
    }
}
