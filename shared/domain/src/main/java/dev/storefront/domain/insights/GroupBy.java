package dev.storefront.domain.insights;

import dev.storefront.domain.Problem;

/** How {@code GET /admin/kpis?groupBy=} splits the KPIs: by the channel or by the campaign an event is attributed to. */
public enum GroupBy {
    CHANNEL("channel"),
    CAMPAIGN("campaign");

    private final String parameter;

    GroupBy(String parameter) {
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

    /** The query parameter's value; null when absent (no split); anything else is a 400 naming groupBy. */
    public static GroupBy parse(String raw) {
        if (raw == null) {
            return null;
        }
        for (GroupBy groupBy : values()) {
            if (groupBy.parameter.equals(raw)) {
                return groupBy;
            }
        }
        throw Problem.invalid("groupBy", "groupBy must be channel or campaign");
    }
}
