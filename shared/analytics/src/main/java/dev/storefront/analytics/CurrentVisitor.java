package dev.storefront.analytics;

/**
 * The visitor id of the request this thread is serving, set and cleared by
 * {@link FunnelRequestFilter} (as the MDC carries the request id), so use cases record funnel events
 * without passing a header value through every method. A Lambda instance serves one request at a
 * time; handler tests that run requests in parallel do so on separate threads.
 */
final class CurrentVisitor {

    private static final ThreadLocal<String> VISITOR = new ThreadLocal<>();
    private static final ThreadLocal<String> SOURCE = new ThreadLocal<>();
    private static final ThreadLocal<String[]> TRAFFIC = new ThreadLocal<>();

    private CurrentVisitor() {
    }

    static void set(String visitorId) {
        if (visitorId == null) {
            VISITOR.remove();
        } else {
            VISITOR.set(visitorId);
        }
    }

    static String get() {
        return VISITOR.get();
    }

    /** The request's pseudonymous source ({@link SourceId}), null when unknown. */
    static void setSource(String sourceId) {
        if (sourceId == null) {
            SOURCE.remove();
        } else {
            SOURCE.set(sourceId);
        }
    }

    static String source() {
        return SOURCE.get();
    }

    /** The request's validated channel and campaign (TrafficSource); campaign null without one. */
    static void setTraffic(String channel, String campaign) {
        TRAFFIC.set(new String[] {channel, campaign});
    }

    /** The channel, null outside a request (an event not sent while serving one carries none). */
    static String channel() {
        String[] traffic = TRAFFIC.get();
        return traffic == null ? null : traffic[0];
    }

    static String campaign() {
        String[] traffic = TRAFFIC.get();
        return traffic == null ? null : traffic[1];
    }

    static void clear() {
        VISITOR.remove();
        SOURCE.remove();
        TRAFFIC.remove();
    }
}
