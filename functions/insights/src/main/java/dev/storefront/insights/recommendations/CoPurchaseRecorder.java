package dev.storefront.insights.recommendations;

import dev.storefront.catalogstore.CoPurchases;
import dev.storefront.eventcontract.Envelope;
import dev.storefront.insights.AnalyticsListener;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Counts the products bought together from {@code order.placed}: every pair of distinct products
 * of one order, once per order however often the event arrives (catalog-store's CoPurchases keeps
 * the counts, top 50 per product, in the Products table for the catalog function to serve).
 */
@Singleton
class CoPurchaseRecorder implements AnalyticsListener {

    private final CoPurchases coPurchases;

    CoPurchaseRecorder(CoPurchases coPurchases) {
        this.coPurchases = coPurchases;
    }

    @Override
    public void on(Envelope event) {
        if ("order.placed".equals(event.type())) {
            coPurchases.record(event.orderId(), products(event));
        }
    }

    @SuppressWarnings("unchecked")
    static List<CoPurchases.OrderedProduct> products(Envelope event) {
        Map<String, Set<String>> skus = new LinkedHashMap<>();
        Object lines = event.data() == null ? null : event.data().get("lines");
        if (lines instanceof List<?> list) {
            for (Object line : list) {
                if (line instanceof Map<?, ?> map && map.get("productId") != null && map.get("sku") != null) {
                    skus.computeIfAbsent(map.get("productId").toString(), p -> new TreeSet<>()).add(map.get("sku").toString());
                }
            }
        }
        List<CoPurchases.OrderedProduct> products = new ArrayList<>();
        skus.forEach((productId, productSkus) -> products.add(new CoPurchases.OrderedProduct(productId, productSkus)));
        return products;
    }
}
