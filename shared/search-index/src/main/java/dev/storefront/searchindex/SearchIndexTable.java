package dev.storefront.searchindex;

import io.micronaut.context.annotation.ConfigurationProperties;

/** The SearchIndex table's name, from {@code STOREFRONT_TABLES_SEARCH}. */
@ConfigurationProperties("storefront.tables")
public record SearchIndexTable(String search) {
}
