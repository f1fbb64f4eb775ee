package dev.storefront.audit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** The Audit table's name, from {@code STOREFRONT_TABLES_AUDIT}; null in a function outside the template. */
@ConfigurationProperties("storefront.tables")
public record AuditTables(@Nullable String audit) {
}
