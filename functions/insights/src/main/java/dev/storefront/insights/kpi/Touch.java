package dev.storefront.insights.kpi;

import dev.storefront.domain.insights.GroupBy;
import dev.storefront.domain.insights.TrafficSource;

/**
 * A channel and a campaign an event counts for (campaign {@code none} without one): the groups of
 * {@code GET /admin/kpis?groupBy=}. A funnel event counts for its own request's; an order for the
 * last touch of the visitor who checked it out (docs/INSIGHTS.md, "Attribution").
 */
record Touch(String channel, String campaign) {

    /** An order whose checkout insights never saw, or an event sent by something else than a request. */
    static final Touch UNATTRIBUTED = new Touch(TrafficSource.OTHER, TrafficSource.NO_CAMPAIGN);

    Touch {
        channel = channel == null ? TrafficSource.OTHER : channel;
        campaign = campaign == null ? TrafficSource.NO_CAMPAIGN : campaign;
    }

    boolean hasCampaign() {
        return !TrafficSource.NO_CAMPAIGN.equals(campaign);
    }

    String group(GroupBy by) {
        return by == GroupBy.CHANNEL ? channel : campaign;
    }
}
