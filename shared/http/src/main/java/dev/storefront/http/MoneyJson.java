package dev.storefront.http;

import dev.storefront.domain.Money;
import io.micronaut.serde.annotation.SerdeImport;

/** Domain values that appear in responses as they are: {@code {"amount": 1999, "currency": "EUR"}}. */
@SerdeImport(Money.class)
final class MoneyJson {

    private MoneyJson() {
    }
}
