package dev.storefront.analytics;

/**
 * What became of the funnel events this function instance recorded, since it started.
 *
 * @param accepted     handed to the background sender
 * @param sent         taken by SQS
 * @param failed       not taken by SQS (an error, an unknown queue, unreachable SQS, a refused entry)
 * @param dropped      not even queued: the sender's buffer was full (SQS slow or down for a while)
 * @param unconfigured not sent because the function has no analytics-events queue configured
 * @param waitsExpired requests that returned while some of their events were still being sent
 */
public record FunnelCounts(long accepted, long sent, long failed, long dropped, long unconfigured, long waitsExpired) {

    /** Accepted events whose fate is known (sent or failed). */
    public long settled() {
        return sent + failed;
    }
}
