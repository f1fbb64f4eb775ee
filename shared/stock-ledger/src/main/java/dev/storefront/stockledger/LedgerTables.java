package dev.storefront.stockledger;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** The inventory ledger's table, from {@code STOREFRONT_TABLES_LEDGER}; absent in functions that change no stock. */
@ConfigurationProperties("storefront.tables")
public record LedgerTables(@Nullable String ledger) {

    public String requireLedger() {
        if (ledger == null) {
            throw new IllegalStateException("STOREFRONT_TABLES_LEDGER is not set: this function was given no inventory ledger");
        }
        return ledger;
    }
}
