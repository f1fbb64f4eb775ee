package dev.storefront.pricingstore;

import dev.storefront.aws.BatchGet;
import dev.storefront.domain.pricing.Destination;
import dev.storefront.domain.pricing.ShippingZone;
import dev.storefront.domain.pricing.TaxRates;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.Collection;
import java.util.Map;

/**
 * What pricing reads about a destination, for carts and checkout: the country's claim (which
 * carries a copy of its zone, {@link SettingsItems}) and its tax rates, two small items by key. A
 * caller that already makes a BatchGetItem (the catalog's offers) adds {@link #keysFor} to it and
 * hands the items found to {@link #destination(String, Collection)}: no round trip of its own.
 */
// Only in functions given the table: Lambda contexts create every singleton eagerly, and jars
// (or test classpaths) that merely hold this module must still start.
@Requires(property = "storefront.tables.settings")
@Singleton
public class DestinationReader {

    private final DynamoDbClient dynamo;
    private final String table;

    DestinationReader(DynamoDbClient dynamo, PricingTables tables) {
        this.dynamo = dynamo;
        this.table = tables.settings();
    }

    public String table() {
        return table;
    }

    /** The keys of a country's claim and tax rates, to read along with other items. */
    public KeysAndAttributes keysFor(String country) {
        return KeysAndAttributes.builder()
                .keys(SettingsItems.key(SettingsItems.COUNTRY, country), SettingsItems.key(SettingsItems.TAX, country))
                .build();
    }

    /** A destination read on its own: one BatchGetItem. */
    public Destination destination(String country) {
        KeysAndAttributes keys = keysFor(country);
        return destination(country, BatchGet.items(dynamo, table, keys.keys(), null, Map.of()));
    }

    /**
     * The destination from the items {@link #keysFor} found. A claim written before claims carried
     * their zone costs one GetItem of the zone.
     */
    public Destination destination(String country, Collection<Map<String, AttributeValue>> items) {
        ShippingZone zone = null;
        TaxRates rates = null;
        for (Map<String, AttributeValue> item : items) {
            String kind = item.get("kind").s();
            if (!country.equals(item.get("id").s())) {
                continue;
            }
            if (SettingsItems.COUNTRY.equals(kind)) {
                zone = SettingsItems.zoneOfClaim(item);
                if (zone == null) {
                    zone = zone(item.get("zoneId").s());
                }
            } else if (SettingsItems.TAX.equals(kind)) {
                rates = SettingsItems.taxRates(item);
            }
        }
        return new Destination(country, zone, rates);
    }

    private ShippingZone zone(String zoneId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(SettingsItems.key(SettingsItems.ZONE, zoneId))).item();
        return item == null || item.isEmpty() ? null : SettingsItems.zone(item);
    }
}
