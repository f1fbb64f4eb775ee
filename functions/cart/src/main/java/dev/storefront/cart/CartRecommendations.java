package dev.storefront.cart;

import dev.storefront.catalogstore.CoPurchases;
import dev.storefront.domain.cart.PricedCart;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.List;
import java.util.Map;

/**
 * The cart answer's {@code recommendations}: up to 4 products most often bought with the cart's
 * products (co-purchases, one BatchGetItem), never one already in the cart. A suggestion, not part
 * of the cart: when DynamoDB cannot answer, the cart is answered without them.
 */
@Singleton
class CartRecommendations {

    static final int MAX = 4;
    private static final Logger LOG = LoggerFactory.getLogger(CartRecommendations.class);

    private final CoPurchases coPurchases;

    CartRecommendations(CoPurchases coPurchases) {
        this.coPurchases = coPurchases;
    }

    List<String> of(PricedCart cart) {
        List<String> inCart = cart.lines().stream().map(PricedCart.Line::productId).filter(java.util.Objects::nonNull).distinct().toList();
        if (inCart.isEmpty()) {
            return List.of();
        }
        try {
            return coPurchases.boughtWith(inCart).entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(MAX).map(Map.Entry::getKey).toList();
        } catch (SdkException e) {
            LOG.warn("Cart answered without recommendations: {}", e.toString());
            return List.of();
        }
    }
}
