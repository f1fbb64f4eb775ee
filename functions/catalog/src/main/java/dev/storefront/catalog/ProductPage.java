package dev.storefront.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A page of products; {@code nextCursor} is null on the last page. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record ProductPage(List<ProductView> items, @Nullable String nextCursor) {
}
