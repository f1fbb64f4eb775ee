package dev.storefront.cart;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.domain.pricing.ShippingOption;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The ways a cart can ship to a country now, in the zone's order (the first is the default), each with its charge for this cart. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record ShippingOptionsView(List<Item> items) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Item(String methodId, String name, String carrier, CartView.Amount amount, DeliveryDays deliveryDays) {
    }

    @Serdeable
    record DeliveryDays(int min, int max) {
    }

    static ShippingOptionsView of(List<ShippingOption> options) {
        return new ShippingOptionsView(options.stream().map(o -> new Item(o.method().methodId(), o.method().name(), o.method().carrier(),
                new CartView.Amount(o.amount(), o.method().rate().currency()),
                new DeliveryDays(o.method().deliveryDays().min(), o.method().deliveryDays().max()))).toList());
    }
}
