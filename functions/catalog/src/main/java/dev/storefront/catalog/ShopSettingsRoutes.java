package dev.storefront.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.domain.Caller;
import dev.storefront.domain.Problem;
import dev.storefront.domain.pricing.ShippingMethod;
import dev.storefront.domain.pricing.ShippingRate;
import dev.storefront.domain.pricing.ShippingZone;
import dev.storefront.domain.pricing.TaxClass;
import dev.storefront.domain.pricing.TaxRates;
import dev.storefront.http.JsonBody;
import dev.storefront.http.JsonObject;
import dev.storefront.pricingstore.ShippingZoneRepository;
import dev.storefront.pricingstore.TaxRateRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Shipping zones and tax rates as data (docs/PRICING.md), on the catalog admin function; the admin
 * group is checked here as well as by the gateway. Bodies are read strictly (unknown fields are
 * 400) and the rules are the domain's: its messages come back as they are, a method's fields
 * prefixed with {@code methods[i].}.
 */
@Controller("/admin")
class ShopSettingsRoutes {

    /** The shop's currency: a rate that names none charges in it. */
    static final String SHOP_CURRENCY = "EUR";

    private final ShippingZoneRepository zones;
    private final TaxRateRepository taxRates;

    ShopSettingsRoutes(ShippingZoneRepository zones, TaxRateRepository taxRates) {
        this.zones = zones;
        this.taxRates = taxRates;
    }

    @Serdeable
    record DeliveryDaysView(int min, int max) {
    }

    @Serdeable
    record TierView(long upToGrams, long amount) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RateView(String kind, String currency, @Nullable Long amount, @Nullable List<TierView> tiers, @Nullable Long freeOver) {
    }

    @Serdeable
    record MethodView(String methodId, String name, String carrier, DeliveryDaysView deliveryDays, RateView rate) {
        static MethodView of(ShippingMethod m) {
            ShippingRate r = m.rate();
            List<TierView> tiers = r.kind() == ShippingRate.Kind.WEIGHT_TIERS
                    ? r.tiers().stream().map(t -> new TierView(t.upToGrams(), t.amount())).toList() : null;
            return new MethodView(m.methodId(), m.name(), m.carrier(), new DeliveryDaysView(m.deliveryDays().min(), m.deliveryDays().max()),
                    new RateView(r.kind().name(), r.currency(), r.amount(), tiers, r.freeOver()));
        }
    }

    @Serdeable
    record ZoneView(String zoneId, String name, List<String> countries, List<MethodView> methods) {
        static ZoneView of(ShippingZone zone) {
            return new ZoneView(zone.zoneId(), zone.name(), zone.countries(), zone.methods().stream().map(MethodView::of).toList());
        }
    }

    @Serdeable
    record ZoneList(List<ZoneView> items) {
    }

    @Serdeable
    record RatesView(int standard, int reduced, int zero) {
    }

    @Serdeable
    record TaxRatesView(String country, boolean pricesIncludeTax, RatesView rates) {
        static TaxRatesView of(TaxRates t) {
            return new TaxRatesView(t.country(), t.pricesIncludeTax(),
                    new RatesView(t.rate(TaxClass.STANDARD), t.rate(TaxClass.REDUCED), t.rate(TaxClass.ZERO)));
        }
    }

    @Serdeable
    record TaxRatesList(List<TaxRatesView> items) {
    }

    @Put("/shipping-zones/{zoneId}")
    HttpResponse<ZoneView> putZone(String zoneId, Caller caller, @Nullable @Body String body) {
        caller.requireAdmin();
        ShippingZone zone = zoneFrom(zoneId, JsonBody.parse(body));
        boolean created = zones.save(zone);
        return HttpResponse.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(ZoneView.of(zone));
    }

    @Get("/shipping-zones")
    ZoneList listZones(Caller caller) {
        caller.requireAdmin();
        return new ZoneList(zones.all().zones().stream().map(ZoneView::of).toList());
    }

    @Put("/tax-rates/{country}")
    HttpResponse<TaxRatesView> putTaxRates(String country, Caller caller, @Nullable @Body String body) {
        caller.requireAdmin();
        TaxRates rates = taxRatesFrom(country, JsonBody.parse(body));
        boolean created = taxRates.save(rates);
        return HttpResponse.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(TaxRatesView.of(rates));
    }

    @Get("/tax-rates")
    TaxRatesList listTaxRates(Caller caller) {
        caller.requireAdmin();
        return new TaxRatesList(taxRates.all().stream().map(TaxRatesView::of).toList());
    }

    static ShippingZone zoneFrom(String zoneId, JsonObject body) {
        body.allowOnly("name", "countries", "methods");
        String name = body.string("name", 200);
        List<String> countries = body.strings("countries", ShippingZoneRepository.MAX_COUNTRIES, 10);
        List<JsonObject> bodies = body.objects("methods", 20);
        List<ShippingMethod> methods = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            methods.add(methodFrom(bodies.get(i), "methods[" + i + "]."));
        }
        return new ShippingZone(zoneId, name, countries, methods);
    }

    private static ShippingMethod methodFrom(JsonObject method, String prefix) {
        method.allowOnly("methodId", "name", "carrier", "deliveryDays", "rate");
        String methodId = method.string("methodId", 100);
        String name = method.string("name", 200);
        String carrier = method.string("carrier", 200);
        JsonObject days = method.object("deliveryDays").allowOnly("min", "max");
        long min = days.integer("min", Integer.MIN_VALUE, Integer.MAX_VALUE);
        long max = days.integer("max", Integer.MIN_VALUE, Integer.MAX_VALUE);
        JsonObject rate = method.object("rate").allowOnly("kind", "currency", "amount", "tiers", "freeOver");
        String kind = rate.string("kind", 20);
        String currency = rate.has("currency") ? rate.currency("currency") : SHOP_CURRENCY;
        Long amount = rate.has("amount") ? rate.integer("amount", Long.MIN_VALUE, Long.MAX_VALUE) : null;
        List<ShippingRate.WeightTier> tiers = new ArrayList<>();
        if (rate.has("tiers")) {
            for (JsonObject tier : rate.objects("tiers", 20)) {
                tier.allowOnly("upToGrams", "amount");
                tiers.add(new ShippingRate.WeightTier(tier.integer("upToGrams", Long.MIN_VALUE, Long.MAX_VALUE),
                        tier.integer("amount", Long.MIN_VALUE, Long.MAX_VALUE)));
            }
        }
        Long freeOver = rate.has("freeOver") ? rate.integer("freeOver", Long.MIN_VALUE, Long.MAX_VALUE) : null;
        try {
            return new ShippingMethod(methodId, name, carrier, new ShippingMethod.DeliveryDays((int) min, (int) max),
                    new ShippingRate(kindOf(kind), currency, amount, tiers, freeOver));
        } catch (Problem invalid) {
            // The domain names a method's fields relative to the method.
            throw new Problem(invalid.code(), prefix.substring(0, prefix.length() - 1) + ": " + invalid.detail(),
                    invalid.field() == null ? null : prefix + invalid.field());
        }
    }

    private static ShippingRate.Kind kindOf(String kind) {
        for (ShippingRate.Kind known : ShippingRate.Kind.values()) {
            if (known.name().equals(kind)) {
                return known;
            }
        }
        return null; // the domain refuses it with its own message
    }

    static TaxRates taxRatesFrom(String country, JsonObject body) {
        body.allowOnly("pricesIncludeTax", "rates");
        boolean pricesIncludeTax = body.bool("pricesIncludeTax");
        JsonObject rates = body.object("rates").allowOnly("standard", "reduced", "zero");
        Map<TaxClass, Integer> byClass = new EnumMap<>(TaxClass.class);
        for (TaxClass taxClass : TaxClass.values()) {
            if (rates.has(taxClass.wireName())) {
                byClass.put(taxClass, (int) rates.integer(taxClass.wireName(), Integer.MIN_VALUE, Integer.MAX_VALUE));
            }
        }
        return new TaxRates(country, pricesIncludeTax, byClass);
    }
}
