package dev.storefront.searchindex;

import io.micronaut.context.annotation.ConfigurationProperties;

/** The SearchIndex table's name, from {@code STOREFRONT_TABLES_SEARCH_INDEX}. */
@ConfigurationProperties("storefront.tables")
public record SearchIndexTable(String searchIndex) {
}
