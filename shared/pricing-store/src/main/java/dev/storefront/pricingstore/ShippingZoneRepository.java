package dev.storefront.pricingstore;

import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import dev.storefront.domain.pricing.ShippingZone;
import dev.storefront.domain.pricing.ShippingZones;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.storefront.aws.Attributes.n;
import static dev.storefront.aws.Attributes.s;

/**
 * Shipping zones (items: {@link SettingsItems}). A zone is written in one transaction with a claim
 * item per country it holds (conditional: unclaimed, or already this zone's; each carries a copy of
 * the zone for pricing) and the deletion of the claims of countries it drops, so "a country is in at most one zone" holds under concurrent writes,
 * not only when the writes come one after the other.
 */
// Only in functions given the table: Lambda contexts create every singleton eagerly, and jars
// (or test classpaths) that merely hold this module must still start.
@Requires(property = "storefront.tables.settings")
@Singleton
public class ShippingZoneRepository {

    /** A transaction holds at most 100 actions: the zone, its countries' claims and its dropped countries. */
    public static final int MAX_COUNTRIES = 49;

    private static final int ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final String table;

    public ShippingZoneRepository(DynamoDbClient dynamo, PricingTables tables) {
        this.dynamo = dynamo;
        this.table = tables.settings();
    }

    /** Every zone, by zoneId. */
    public ShippingZones all() {
        List<ShippingZone> zones = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression("#kind = :kind")
                        .expressionAttributeNames(Map.of("#kind", "kind"))
                        .expressionAttributeValues(Map.of(":kind", s(SettingsItems.ZONE))))
                .items().forEach(item -> zones.add(SettingsItems.zone(item)));
        return new ShippingZones(zones);
    }

    /**
     * Creates or replaces a zone; true when created. A country another zone holds is a 409
     * {@link ProblemCode#CONFLICT} naming the country and that zone, and changes nothing.
     */
    public boolean save(ShippingZone zone) {
        if (zone.countries().size() > MAX_COUNTRIES) {
            throw Problem.invalid("countries", "countries holds at most " + MAX_COUNTRIES + " codes per zone");
        }
        for (int attempt = 1; ; attempt++) {
            Map<String, AttributeValue> previous = dynamo.getItem(r -> r.tableName(table)
                    .key(SettingsItems.key(SettingsItems.ZONE, zone.zoneId())).consistentRead(true)).item();
            boolean exists = previous != null && !previous.isEmpty();
            Set<String> held = exists ? new LinkedHashSet<>(SettingsItems.zone(previous).countries()) : Set.of();
            List<String> dropped = held.stream().filter(c -> !zone.countries().contains(c)).toList();
            try {
                dynamo.transactWriteItems(r -> r.transactItems(actions(zone, exists ? SettingsItems.version(previous) : null, dropped)));
                return !exists;
            } catch (TransactionCanceledException cancelled) {
                List<CancellationReason> reasons = cancelled.cancellationReasons();
                for (int i = 0; i < zone.countries().size(); i++) {
                    CancellationReason reason = reasons.get(1 + i);
                    if ("ConditionalCheckFailed".equals(reason.code())) {
                        Map<String, AttributeValue> claim = reason.item();
                        String owner = claim != null && claim.containsKey("zoneId") ? claim.get("zoneId").s() : "another zone";
                        throw ShippingZones.countryTaken(zone.countries().get(i), owner);
                    }
                }
                // The zone changed under us (a concurrent write of the same zone) or the transaction
                // collided with another: read again and retry.
                if (attempt == ATTEMPTS) {
                    throw new Problem(ProblemCode.CONFLICT, "shipping zone " + zone.zoneId()
                            + " is being changed by another request; try again", "zoneId");
                }
            }
        }
    }

    private List<TransactWriteItem> actions(ShippingZone zone, Long version, List<String> dropped) {
        List<TransactWriteItem> actions = new ArrayList<>();
        long next = version == null ? 1 : version + 1;
        actions.add(TransactWriteItem.builder().put(p -> {
            p.tableName(table).item(SettingsItems.zoneItem(zone, next));
            if (version == null) {
                p.conditionExpression("attribute_not_exists(id)");
            } else {
                p.conditionExpression("version = :version").expressionAttributeValues(Map.of(":version", n(version)));
            }
        }).build());
        // Every country's claim, the kept ones too: each carries the zone's copy, which must stay current.
        for (String country : zone.countries()) {
            actions.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(SettingsItems.claimItem(country, zone))
                    .conditionExpression("attribute_not_exists(id) OR zoneId = :zone")
                    .expressionAttributeValues(Map.of(":zone", s(zone.zoneId())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build());
        }
        for (String country : dropped) {
            actions.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(SettingsItems.key(SettingsItems.COUNTRY, country))
                    .conditionExpression("zoneId = :zone")
                    .expressionAttributeValues(Map.of(":zone", s(zone.zoneId())))).build());
        }
        return actions;
    }
}
