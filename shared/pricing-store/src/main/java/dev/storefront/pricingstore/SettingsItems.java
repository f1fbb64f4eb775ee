package dev.storefront.pricingstore;

import dev.storefront.domain.pricing.ShippingMethod;
import dev.storefront.domain.pricing.ShippingRate;
import dev.storefront.domain.pricing.ShippingZone;
import dev.storefront.domain.pricing.TaxClass;
import dev.storefront.domain.pricing.TaxRates;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.storefront.aws.Attributes.n;
import static dev.storefront.aws.Attributes.s;

/**
 * How shipping zones and tax rates are stored in the ShopSettings table, and back; the one place
 * that knows these items. Key {@code kind} (partition) + {@code id} (sort), so each kind lists with
 * one Query:
 * <ul>
 *   <li>{@code kind = ZONE, id = <zoneId>, name, countries [S], methods [{methodId, name, carrier,
 *       minDays, maxDays, rateKind, currency, amount?, tiers? [{upToGrams, amount}], freeOver?}],
 *       version}: a shipping zone;</li>
 *   <li>{@code kind = COUNTRY, id = <ISO code>, zoneId, name, countries, methods}: the claim that puts
 *       a country in one zone, written in the same transaction as the zone, so two zones can never
 *       hold a country. It carries a copy of its zone (rewritten with every write of the zone, in that
 *       transaction), so pricing an order for a country reads one item, not the claim and then the
 *       zone; claims written before the copy hold only {@code zoneId};</li>
 *   <li>{@code kind = TAX, id = <ISO code>, pricesIncludeTax, standard, reduced, zero}: a country's
 *       tax rates in basis points.</li>
 * </ul>
 */
final class SettingsItems {

    static final String ZONE = "ZONE";
    static final String COUNTRY = "COUNTRY";
    static final String TAX = "TAX";

    private SettingsItems() {
    }

    static Map<String, AttributeValue> key(String kind, String id) {
        return Map.of("kind", s(kind), "id", s(id));
    }

    static Map<String, AttributeValue> zoneItem(ShippingZone zone, long version) {
        Map<String, AttributeValue> item = new HashMap<>(key(ZONE, zone.zoneId()));
        item.put("name", s(zone.name()));
        item.put("countries", AttributeValue.fromL(zone.countries().stream().map(c -> s(c)).toList()));
        item.put("methods", AttributeValue.fromL(zone.methods().stream().map(SettingsItems::methodItem).toList()));
        item.put("version", n(version));
        return item;
    }

    static ShippingZone zone(Map<String, AttributeValue> item) {
        return new ShippingZone(item.get("id").s(), item.get("name").s(),
                item.get("countries").l().stream().map(AttributeValue::s).toList(),
                item.get("methods").l().stream().map(m -> method(m.m())).toList());
    }

    static long version(Map<String, AttributeValue> item) {
        return Long.parseLong(item.get("version").n());
    }

    static Map<String, AttributeValue> claimItem(String country, ShippingZone zone) {
        Map<String, AttributeValue> item = zoneItem(zone, 0);
        item.remove("version");
        item.putAll(key(COUNTRY, country));
        item.put("zoneId", s(zone.zoneId()));
        return item;
    }

    /** The zone a claim carries a copy of; null for a claim from before the copy (read the zone then). */
    static ShippingZone zoneOfClaim(Map<String, AttributeValue> claim) {
        if (!claim.containsKey("methods")) {
            return null;
        }
        Map<String, AttributeValue> zone = new HashMap<>(claim);
        zone.put("id", claim.get("zoneId"));
        return zone(zone);
    }

    static Map<String, AttributeValue> taxItem(TaxRates rates) {
        Map<String, AttributeValue> item = new HashMap<>(key(TAX, rates.country()));
        item.put("pricesIncludeTax", AttributeValue.fromBool(rates.pricesIncludeTax()));
        for (TaxClass taxClass : TaxClass.values()) {
            item.put(taxClass.wireName(), n(rates.rate(taxClass)));
        }
        return item;
    }

    static TaxRates taxRates(Map<String, AttributeValue> item) {
        Map<TaxClass, Integer> rates = new EnumMap<>(TaxClass.class);
        for (TaxClass taxClass : TaxClass.values()) {
            rates.put(taxClass, Integer.parseInt(item.get(taxClass.wireName()).n()));
        }
        return new TaxRates(item.get("id").s(), item.get("pricesIncludeTax").bool(), rates);
    }

    private static AttributeValue methodItem(ShippingMethod method) {
        ShippingRate rate = method.rate();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("methodId", s(method.methodId()));
        item.put("name", s(method.name()));
        item.put("carrier", s(method.carrier()));
        item.put("minDays", n(method.deliveryDays().min()));
        item.put("maxDays", n(method.deliveryDays().max()));
        item.put("rateKind", s(rate.kind().name()));
        item.put("currency", s(rate.currency()));
        if (rate.amount() != null) {
            item.put("amount", n(rate.amount()));
        }
        if (!rate.tiers().isEmpty()) {
            item.put("tiers", AttributeValue.fromL(rate.tiers().stream()
                    .map(t -> AttributeValue.fromM(Map.of("upToGrams", n(t.upToGrams()), "amount", n(t.amount())))).toList()));
        }
        if (rate.freeOver() != null) {
            item.put("freeOver", n(rate.freeOver()));
        }
        return AttributeValue.fromM(item);
    }

    private static ShippingMethod method(Map<String, AttributeValue> item) {
        List<ShippingRate.WeightTier> tiers = item.containsKey("tiers")
                ? item.get("tiers").l().stream().map(t -> new ShippingRate.WeightTier(number(t.m(), "upToGrams"), number(t.m(), "amount"))).toList()
                : List.of();
        ShippingRate rate = new ShippingRate(ShippingRate.Kind.valueOf(item.get("rateKind").s()), item.get("currency").s(),
                item.containsKey("amount") ? number(item, "amount") : null, tiers,
                item.containsKey("freeOver") ? number(item, "freeOver") : null);
        return new ShippingMethod(item.get("methodId").s(), item.get("name").s(), item.get("carrier").s(),
                new ShippingMethod.DeliveryDays((int) number(item, "minDays"), (int) number(item, "maxDays")), rate);
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        return Long.parseLong(item.get(name).n());
    }
}
