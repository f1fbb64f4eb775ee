package dev.storefront.domain.insights;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a campaign earned against what it cost over a range, per currency and never converted
 * between currencies: {@code roas} = revenue / spend (4 places, absent for a currency without
 * spend), {@code costPerOrder} = spend / orders, rounded half up to a whole minor unit (absent for a
 * currency without orders: spend with no order has no cost per order, and its roas is 0).
 */
public record CampaignReturn(SortedMap<String, Long> spend, SortedMap<String, BigDecimal> roas, SortedMap<String, Long> costPerOrder) {

    public static CampaignReturn of(Map<String, Long> spend, Map<String, Long> revenue, Map<String, Long> ordersByCurrency) {
        SortedMap<String, BigDecimal> roas = new TreeMap<>();
        SortedMap<String, Long> costPerOrder = new TreeMap<>();
        spend.forEach((currency, amount) -> {
            BigDecimal rate = Ratios.rate(revenue.getOrDefault(currency, 0L), amount);
            if (rate != null) {
                roas.put(currency, rate);
            }
            long orders = ordersByCurrency.getOrDefault(currency, 0L);
            if (orders > 0) {
                costPerOrder.put(currency, Ratios.average(amount, orders));
            }
        });
        return new CampaignReturn(Collections.unmodifiableSortedMap(new TreeMap<>(spend)),
                Collections.unmodifiableSortedMap(roas), Collections.unmodifiableSortedMap(costPerOrder));
    }
}
