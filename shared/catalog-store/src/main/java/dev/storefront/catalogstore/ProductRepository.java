package dev.storefront.catalogstore;

import dev.storefront.aws.PageCursor;
import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import dev.storefront.domain.catalog.Category;
import dev.storefront.domain.catalog.Product;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.storefront.aws.Attributes.n;
import static dev.storefront.aws.Attributes.s;

/**
 * Products and categories in the Products table, for the catalog function (reads) and its admin
 * (writes); a product's SKUs are registered in Inventory in the same transaction.
 */
@Singleton
public class ProductRepository {

    private static final List<String> LISTING_KEY = List.of("id", "listing");
    private static final List<String> CATEGORY_KEY = List.of("id", "category");

    private final DynamoDbClient dynamo;
    private final String products;
    private final Clock clock;

    private final CatalogTables tables;

    ProductRepository(DynamoDbClient dynamo, CatalogTables tables, Clock clock) {
        this.dynamo = dynamo;
        this.products = tables.products();
        this.tables = tables;
        this.clock = clock;
    }

    public Optional<Product> find(String productId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(products).key(CatalogItems.productKey(productId))).item();
        return CatalogItems.isProduct(item) ? Optional.of(CatalogItems.fromItem(item)) : Optional.empty();
    }

    /** A page of products; {@code nextCursor} is null on the last page. */
    public record Page(List<Product> items, String nextCursor) {
    }

    /** One page of products in id order, all of them or one category's, always through an index. */
    public Page page(String category, int limit, String cursor) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(products).limit(limit);
        List<String> keyNames;
        Map<String, String> pinned;
        if (category == null) {
            keyNames = LISTING_KEY;
            pinned = Map.of("listing", CatalogItems.PRODUCT_LISTING);
            query.indexName("byListing").keyConditionExpression("listing = :l")
                    .expressionAttributeValues(Map.of(":l", s(CatalogItems.PRODUCT_LISTING)));
        } else {
            keyNames = CATEGORY_KEY;
            pinned = Map.of("category", category);
            query.indexName("byCategory").keyConditionExpression("category = :c")
                    .expressionAttributeValues(Map.of(":c", s(category)));
        }
        Map<String, AttributeValue> start = PageCursor.decode(cursor, keyNames, pinned);
        QueryResponse page = dynamo.query(query.exclusiveStartKey(start).build());
        List<Product> items = page.items().stream().map(CatalogItems::fromItem).toList();
        return new Page(items, PageCursor.encode(page.lastEvaluatedKey(), keyNames));
    }

    public List<Category> categories() {
        List<Category> categories = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(products).indexName("byListing")
                        .keyConditionExpression("listing = :l")
                        .expressionAttributeValues(Map.of(":l", s(CatalogItems.CATEGORY_LISTING))))
                .items()
                .forEach(item -> categories.add(CatalogItems.categoryFromItem(item)));
        return categories;
    }

    /**
     * Creates or replaces a product in one transaction with its category and the registration of
     * each SKU in Inventory (new SKUs start with 0 available). Returns true when it was created.
     * A SKU already owned by another product is refused; so is a concurrent edit of the same product.
     */
    public boolean save(Product product) {
        Map<String, AttributeValue> current = dynamo.getItem(r -> r.tableName(products)
                .key(CatalogItems.productKey(product.productId())).consistentRead(true)).item();
        boolean exists = CatalogItems.isProduct(current);
        String now = clock.instant().toString();
        long version = exists ? CatalogItems.version(current) : 0;
        Put put = Put.builder().tableName(products)
                .item(CatalogItems.toItem(product, version + 1, exists ? CatalogItems.createdAt(current) : now, now))
                .conditionExpression(exists ? "version = :v" : "attribute_not_exists(id)")
                .expressionAttributeValues(exists ? Map.of(":v", n(version)) : null)
                .build();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(put).build());
        writes.add(TransactWriteItem.builder().update(categoryUpsert(product.category())).build());
        for (String sku : product.skus()) {
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(tables.requireInventory())
                    .key(CatalogItems.stockKey(sku))
                    .updateExpression("SET productId = :p, available = if_not_exists(available, :zero), updatedAt = :now")
                    .conditionExpression("attribute_not_exists(productId) OR productId = :p")
                    .expressionAttributeValues(Map.of(":p", s(product.productId()), ":zero", n(0), ":now", s(now)))
                    .build()).build());
        }
        try {
            dynamo.transactWriteItems(r -> r.transactItems(writes));
        } catch (TransactionCanceledException e) {
            throw explain(e, product);
        }
        return !exists;
    }

    private Update categoryUpsert(String slug) {
        return Update.builder().tableName(products)
                .key(CatalogItems.categoryKey(slug))
                .updateExpression("SET listing = :l, slug = :s, #n = if_not_exists(#n, :name)")
                .expressionAttributeNames(Map.of("#n", "name"))
                .expressionAttributeValues(Map.of(":l", s(CatalogItems.CATEGORY_LISTING), ":s", s(slug),
                        ":name", s(Category.of(slug).name())))
                .build();
    }

    /** Reads the cancellation reasons: which write's condition failed decides the answer. */
    private static Problem explain(TransactionCanceledException e, Product product) {
        List<CancellationReason> reasons = e.cancellationReasons();
        if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
            return new Problem(ProblemCode.CONFLICT, "the product was changed by another request; read it and try again");
        }
        List<String> taken = new ArrayList<>();
        for (int i = 2; i < reasons.size(); i++) {
            if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                taken.add(product.skus().get(i - 2));
            }
        }
        if (!taken.isEmpty()) {
            return new Problem(ProblemCode.SKU_CONFLICT, "these SKUs belong to another product: " + String.join(", ", taken), "variants");
        }
        return new Problem(ProblemCode.CONFLICT, "the product could not be saved because of a concurrent change; try again");
    }
}
