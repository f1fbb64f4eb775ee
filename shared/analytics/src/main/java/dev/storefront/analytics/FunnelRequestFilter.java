package dev.storefront.analytics;

import dev.storefront.domain.insights.TrafficSource;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.time.Duration;

/**
 * The request's side of funnel events, in every HTTP function that has this module: notes the
 * visitor ({@code X-Visitor-Id}, ignored when malformed), its source address (pseudonymised) and
 * its channel and campaign ({@code X-Channel}, {@code X-Campaign}, validated by TrafficSource) for
 * the events recorded while serving the request and, once the response is produced, waits a bounded time (50 ms by default) for them to
 * reach SQS, because Lambda freezes the instance as soon as the handler returns. Handlers and the
 * template's Handler strings stay as they are.
 *
 * <p>Ordered inside {@code RequestLog}, so the request's logged duration includes the wait.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(100)
public class FunnelRequestFilter {

    private final SqsFunnelEvents events;
    private final Duration wait;

    FunnelRequestFilter(SqsFunnelEvents events, @Value("${storefront.analytics.wait.millis:50}") long waitMillis) {
        this.events = events;
        this.wait = Duration.ofMillis(waitMillis);
    }

    @RequestFilter
    public void start(HttpRequest<?> request) {
        CurrentVisitor.set(VisitorId.parse(request.getHeaders().get(VisitorId.HEADER)));
        CurrentVisitor.setSource(SourceId.of(request));
        CurrentVisitor.setTraffic(TrafficSource.channel(request.getHeaders().get(TrafficSource.CHANNEL_HEADER)),
                TrafficSource.campaign(request.getHeaders().get(TrafficSource.CAMPAIGN_HEADER)));
    }

    @ResponseFilter
    public void end() {
        try {
            events.awaitSent(wait);
        } finally {
            CurrentVisitor.clear();
        }
    }
}
