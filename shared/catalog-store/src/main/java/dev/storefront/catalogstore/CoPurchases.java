package dev.storefront.catalogstore;

import dev.storefront.aws.BatchGet;
import dev.storefront.domain.catalog.Product;
import dev.storefront.domain.catalog.Recommendation;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static dev.storefront.aws.Attributes.n;
import static dev.storefront.aws.Attributes.s;

/**
 * Which products are bought together, counted from placed orders, and the recommendations read from
 * them. Items of the Products table (not products: no {@code listing}, no {@code category}, so in
 * no index):
 * <ul>
 *   <li>co-purchases: {@code id = copurchase#<productId>}, {@code partners}: a map of the other
 *       products bought in the same orders to {@code {count, skus}}, the top {@value #TOP} by count
 *       (a partner that falls out starts again from 1), {@code version};</li>
 *   <li>counted order: {@code id = copurchase-order#<orderId>}, so an order counts once.</li>
 * </ul>
 * An order's effect is one transaction: its marker, put if absent, and each of its products'
 * co-purchase item, conditional on the version read.
 */
@Singleton
public class CoPurchases {

    /** Partners kept per product. */
    public static final int TOP = 50;
    /** Products of one order that are paired (pairs grow with the square; a bigger order pairs its first 20). */
    public static final int MAX_PRODUCTS_PER_ORDER = 20;
    /** Partners read to rank: twice what is shown, so out-of-stock ones can be passed over. */
    static final int CANDIDATES = 2 * Recommendation.MAX;
    private static final String PREFIX = "copurchase#";
    private static final String ORDER_PREFIX = "copurchase-order#";

    /** Whether a Products item id is one of these (a co-purchase list or an order's marker), not a product. */
    static boolean holds(String id) {
        return id.startsWith(PREFIX) || id.startsWith(ORDER_PREFIX);
    }
    private static final int ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(CoPurchases.class);

    /** A product of a placed order, with the SKUs it was bought as. */
    public record OrderedProduct(String productId, Set<String> skus) {
    }

    /** A partner product: how often it was bought with the product, and as which SKUs. */
    record Partner(long count, Set<String> skus) {
    }

    private final DynamoDbClient dynamo;
    private final CatalogTables tables;
    public CoPurchases(DynamoDbClient dynamo, CatalogTables tables) {
        this.dynamo = dynamo;
        this.tables = tables;
    }

    /** Counts every pair of the order's products once; false when the order was counted before. */
    public boolean record(String orderId, List<OrderedProduct> ordered) {
        List<OrderedProduct> distinct = new ArrayList<>(ordered.stream()
                .collect(java.util.stream.Collectors.toMap(OrderedProduct::productId, p -> p, (a, b) -> a, LinkedHashMap::new)).values());
        distinct = distinct.subList(0, Math.min(distinct.size(), MAX_PRODUCTS_PER_ORDER));
        if (distinct.size() < 2) {
            return false; // one product: no pair
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Map<String, Map<String, AttributeValue>> current = new HashMap<>();
            BatchGet.items(dynamo, tables.products(), distinct.stream().map(p -> CatalogItems.productKey(PREFIX + p.productId())).toList(), null, Map.of())
                    .forEach(item -> current.put(item.get("id").s().substring(PREFIX.length()), item));
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(tables.products())
                    .item(Map.of("id", s(ORDER_PREFIX + orderId))).conditionExpression("attribute_not_exists(id)")).build());
            for (OrderedProduct product : distinct) {
                Map<String, AttributeValue> item = current.get(product.productId());
                Map<String, Partner> partners = item == null ? new HashMap<>() : partners(item);
                for (OrderedProduct other : distinct) {
                    if (!other.productId().equals(product.productId())) {
                        Partner was = partners.get(other.productId());
                        Set<String> skus = new TreeSet<>(other.skus());
                        if (was != null) {
                            skus.addAll(was.skus());
                        }
                        partners.put(other.productId(), new Partner(was == null ? 1 : was.count() + 1, skus));
                    }
                }
                long version = item == null ? 0 : Long.parseLong(item.get("version").n());
                writes.add(TransactWriteItem.builder().put(p -> p.tableName(tables.products())
                        .item(Map.of("id", s(PREFIX + product.productId()), "partners", toAttribute(top(partners)), "version", n(version + 1)))
                        .conditionExpression(version == 0 ? "attribute_not_exists(id)" : "version = :v")
                        .expressionAttributeValues(version == 0 ? null : Map.of(":v", n(version)))).build());
            }
            try {
                dynamo.transactWriteItems(r -> r.transactItems(writes));
                return true;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                    return false;
                }
                LOG.info("Co-purchase write cancelled by a concurrent order, attempt {} of {}", attempt, ATTEMPTS);
            }
        }
        throw new IllegalStateException("co-purchase write cancelled " + ATTEMPTS + " times; redelivery will retry");
    }

    /** How often each other product was bought with any of these, summed (one BatchGetItem); the products themselves excluded. */
    public Map<String, Long> boughtWith(Collection<String> productIds) {
        Map<String, Long> counts = new HashMap<>();
        if (productIds.isEmpty()) {
            return counts;
        }
        BatchGet.items(dynamo, tables.products(), productIds.stream().distinct().map(id -> CatalogItems.productKey(PREFIX + id)).toList(), null, Map.of())
                .forEach(item -> partners(item).forEach((id, partner) -> counts.merge(id, partner.count(), Long::sum)));
        productIds.forEach(counts::remove);
        return counts;
    }

    /**
     * Up to {@link Recommendation#MAX} products to show with this one, in stock first, else of the
     * same category (Recommendation.rank); empty when the product is not in the catalog. Reads: one
     * BatchGetItem (the product and its co-purchases), then one BatchGetItem of the top partners and
     * their stock when it has partners; only when fewer than the maximum remain, one Query of the
     * category to fill up (its products' stock in one more BatchGetItem).
     */
    public java.util.Optional<List<Recommendation>> recommendations(String productId) {
        Map<String, List<Map<String, AttributeValue>>> first = BatchGet.tables(dynamo, Map.of(tables.products(),
                KeysAndAttributes.builder().keys(CatalogItems.productKey(productId), CatalogItems.productKey(PREFIX + productId)).build()));
        Product product = null;
        Map<String, Partner> partners = new HashMap<>();
        for (Map<String, AttributeValue> item : first.get(tables.products())) {
            if (CatalogItems.isProduct(item)) {
                product = CatalogItems.fromItem(item);
            } else {
                partners = partners(item);
            }
        }
        if (product == null) {
            return java.util.Optional.empty();
        }
        List<Map.Entry<String, Partner>> candidates = partners.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Partner> e) -> e.getValue().count()).reversed().thenComparing(Map.Entry::getKey))
                .limit(CANDIDATES).toList();
        List<Recommendation> together = new ArrayList<>();
        if (!candidates.isEmpty()) {
            List<Map<String, AttributeValue>> stockKeys = candidates.stream().flatMap(e -> e.getValue().skus().stream())
                    .distinct().limit(100 - candidates.size()).map(CatalogItems::stockKey).toList();
            Map<String, List<Map<String, AttributeValue>>> second = BatchGet.tables(dynamo, Map.of(
                    tables.products(), KeysAndAttributes.builder().keys(candidates.stream().map(e -> CatalogItems.productKey(e.getKey())).toList()).build(),
                    tables.requireInventory(), KeysAndAttributes.builder().keys(stockKeys).projectionExpression(StockReads.ATTRIBUTES).build()));
            Map<String, Long> available = StockReads.available(dynamo, tables.requireInventory(), second.get(tables.requireInventory()));
            Map<String, Partner> byId = partners;
            second.get(tables.products()).stream().filter(CatalogItems::isProduct).map(CatalogItems::fromItem)
                    .forEach(p -> together.add(Recommendation.of(p, available, byId.get(p.productId()).count())));
        }
        List<Recommendation> sameCategory = new ArrayList<>();
        if (together.stream().filter(r -> !r.productId().equals(productId)).count() < Recommendation.MAX) {
            String category = product.category();
            List<Product> mates = dynamo.query(r -> r.tableName(tables.products()).indexName("byCategory")
                    .keyConditionExpression("category = :c").expressionAttributeValues(Map.of(":c", s(category)))
                    .limit(Recommendation.MAX + 1)).items().stream().filter(CatalogItems::isProduct).map(CatalogItems::fromItem).toList();
            Map<String, Long> available = StockReads.available(dynamo, tables.requireInventory(), BatchGet.items(dynamo, tables.requireInventory(),
                    mates.stream().flatMap(p -> p.skus().stream()).distinct().map(CatalogItems::stockKey).toList(), StockReads.ATTRIBUTES, Map.of()));
            mates.forEach(p -> sameCategory.add(Recommendation.of(p, available, 0)));
        }
        return java.util.Optional.of(Recommendation.rank(productId, together, sameCategory, Recommendation.MAX));
    }

    private static Map<String, Partner> top(Map<String, Partner> partners) {
        Map<String, Partner> top = new TreeMap<>();
        partners.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Partner> e) -> e.getValue().count()).reversed().thenComparing(Map.Entry::getKey))
                .limit(TOP).forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    private static Map<String, Partner> partners(Map<String, AttributeValue> item) {
        Map<String, Partner> partners = new HashMap<>();
        AttributeValue map = item.get("partners");
        if (map != null && map.m() != null) {
            map.m().forEach((id, value) -> partners.put(id, new Partner(Long.parseLong(value.m().get("count").n()),
                    new TreeSet<>(value.m().get("skus").ss()))));
        }
        return partners;
    }

    private static AttributeValue toAttribute(Map<String, Partner> partners) {
        Map<String, AttributeValue> out = new HashMap<>();
        partners.forEach((id, p) -> out.put(id, AttributeValue.fromM(Map.of("count", n(p.count()), "skus", AttributeValue.fromSs(List.copyOf(p.skus()))))));
        return AttributeValue.fromM(out);
    }
}
