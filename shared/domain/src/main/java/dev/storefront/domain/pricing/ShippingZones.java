package dev.storefront.domain.pricing;

import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every shipping zone of the shop. A country is in at most one zone, so "how do we ship to DE"
 * always has one answer.
 *
 * <p>Outcomes for a shopper: a valid country in no zone is {@link ProblemCode#SHIPPING_UNAVAILABLE};
 * a named method that is not the zone's, or that cannot carry the parcel, is
 * {@link ProblemCode#SHIPPING_METHOD_INVALID}. Both are thrown as {@link Problem}s.
 */
public record ShippingZones(List<ShippingZone> zones) {

    public ShippingZones {
        zones = List.copyOf(zones);
        Map<String, String> zoneOfCountry = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (ShippingZone zone : zones) {
            if (!ids.add(zone.zoneId())) {
                throw new Problem(ProblemCode.CONFLICT, "zone " + zone.zoneId() + " is listed twice", "zoneId");
            }
            for (String country : zone.countries()) {
                String other = zoneOfCountry.putIfAbsent(country, zone.zoneId());
                if (other != null) {
                    throw countryTaken(country, other);
                }
            }
        }
    }

    /**
     * The zones with {@code zone} created or replaced (by zoneId). A country already in another
     * zone is a {@link ProblemCode#CONFLICT} (409) naming the country and that zone.
     */
    public ShippingZones put(ShippingZone zone) {
        List<ShippingZone> next = new ArrayList<>();
        for (ShippingZone existing : zones) {
            if (existing.zoneId().equals(zone.zoneId())) {
                continue;
            }
            zone.countries().stream().filter(existing::serves).findFirst().ifPresent(country -> {
                throw countryTaken(country, existing.zoneId());
            });
            next.add(existing);
        }
        next.add(zone);
        return new ShippingZones(next);
    }

    public Optional<ShippingZone> zoneFor(String country) {
        return zones.stream().filter(z -> z.serves(country)).findFirst();
    }

    /** The zone of a country, or {@link ProblemCode#SHIPPING_UNAVAILABLE}. */
    public ShippingZone requireZone(String country) {
        return zoneFor(country).orElseThrow(() -> new Problem(ProblemCode.SHIPPING_UNAVAILABLE,
                "we do not ship to " + Problem.quote(country), "country"));
    }

    /** The methods of the country's zone that can carry the parcel, in the zone's order, with their charge. */
    public List<ShippingOption> options(String country, Parcel parcel) {
        ShippingZone zone = requireZone(country);
        List<ShippingOption> options = new ArrayList<>();
        for (ShippingMethod method : zone.methods()) {
            method.charge(parcel).ifPresent(amount -> options.add(new ShippingOption(zone.zoneId(), method, amount)));
        }
        return List.copyOf(options);
    }

    /**
     * The method a shopper named: one of the zone's that can carry the parcel, else
     * {@link ProblemCode#SHIPPING_METHOD_INVALID}; no zone is {@link ProblemCode#SHIPPING_UNAVAILABLE}.
     */
    public ShippingMethod method(String country, String methodId, Parcel parcel) {
        ShippingZone zone = requireZone(country);
        ShippingMethod method = zone.method(methodId).orElseThrow(() -> new Problem(ProblemCode.SHIPPING_METHOD_INVALID,
                "shipping method " + Problem.quote(methodId) + " does not ship to " + country, "shippingMethodId"));
        method.refusal(parcel).ifPresent(why -> {
            throw new Problem(ProblemCode.SHIPPING_METHOD_INVALID, why, "shippingMethodId");
        });
        return method;
    }

    /**
     * The zone's default method for a parcel: its first method, or the first after it that can
     * carry the parcel when the first cannot (too heavy). None can: {@link ProblemCode#SHIPPING_UNAVAILABLE}.
     */
    public ShippingMethod defaultMethod(String country, Parcel parcel) {
        ShippingZone zone = requireZone(country);
        return zone.methods().stream().filter(m -> m.refusal(parcel).isEmpty()).findFirst()
                .orElseThrow(() -> new Problem(ProblemCode.SHIPPING_UNAVAILABLE, "no shipping method to " + country
                        + " can carry this order: " + zone.defaultMethod().refusal(parcel).orElse(""), "country"));
    }

    /**
     * The method a cart chose when it still serves the country and parcel (the shopper may have
     * changed address or lines since), else the default: what a checkout that names no method uses.
     */
    public ShippingMethod preferredOrDefault(String country, String preferredMethodId, Parcel parcel) {
        ShippingZone zone = requireZone(country);
        return zone.method(preferredMethodId == null ? "" : preferredMethodId)
                .filter(m -> m.refusal(parcel).isEmpty())
                .orElseGet(() -> defaultMethod(country, parcel));
    }

    /** The 409 for a zone that would take a country another zone has (also what the store answers). */
    public static Problem countryTaken(String country, String zoneId) {
        return new Problem(ProblemCode.CONFLICT, "country " + country + " is already in shipping zone " + zoneId, "countries");
    }
}
