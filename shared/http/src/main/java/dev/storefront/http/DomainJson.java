package dev.storefront.http;

import dev.storefront.domain.Money;
import dev.storefront.domain.catalog.Category;
import io.micronaut.serde.annotation.SerdeImport;

/**
 * Domain values that appear in responses as they are, e.g. {@code {"amount": 1999, "currency": "EUR"}}.
 * The domain module knows nothing of JSON; this is where its types are made serializable.
 */
@SerdeImport(Money.class)
@SerdeImport(Category.class)
final class DomainJson {

    private DomainJson() {
    }
}
