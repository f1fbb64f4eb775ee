package dev.storefront.insights;

import dev.storefront.eventcontract.Envelope;

/**
 * One concern fed by the analytics-events queue (daily KPIs, retention, segments). The queue
 * delivers at least once and in any order, so every listener is idempotent by itself (by the
 * event's id or by a conditional write) and throws only to have the message redelivered.
 */
public interface AnalyticsListener {

    void on(Envelope event);
}
