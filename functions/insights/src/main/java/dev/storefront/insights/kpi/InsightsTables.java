package dev.storefront.insights.kpi;

import io.micronaut.context.annotation.ConfigurationProperties;

/** The Insights table's name, from {@code STOREFRONT_TABLES_INSIGHTS}. */
@ConfigurationProperties("storefront.tables")
record InsightsTables(String insights) {
}
