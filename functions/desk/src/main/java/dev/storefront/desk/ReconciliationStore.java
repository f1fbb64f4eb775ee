package dev.storefront.desk;

import dev.storefront.domain.order.Reconciliation;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.storefront.aws.Attributes.n;
import static dev.storefront.aws.Attributes.s;
import static dev.storefront.aws.Attributes.text;

/**
 * The Reconciliation table, its one owner: one item, the last run ({@code run = last}), that each
 * run replaces whole with one PutItem, so the open findings are always exactly one run's. At most
 * {@link #KEPT} findings are kept (an item holds 400 KB); {@code total} counts them all.
 */
@Singleton
class ReconciliationStore {

    static final int KEPT = 1_000;
    /** A reconciler that stopped running leaves no findings that look current for long. */
    static final Duration KEEP = Duration.ofDays(30);
    private static final Map<String, AttributeValue> LAST = Map.of("run", s("last"));

    record Run(Instant checkedAt, List<Reconciliation.Finding> findings, int total) {
    }

    private final DynamoDbClient dynamo;
    private final String table;

    ReconciliationStore(DynamoDbClient dynamo, ReconciliationTables tables) {
        this.dynamo = dynamo;
        this.table = tables.reconciliation();
    }

    void replace(Instant checkedAt, List<Reconciliation.Finding> findings) {
        Map<String, AttributeValue> item = new HashMap<>(LAST);
        item.put("checkedAt", s(checkedAt.toString()));
        item.put("total", n(findings.size()));
        item.put("findings", AttributeValue.fromL(findings.stream().limit(KEPT).map(ReconciliationStore::item).toList()));
        item.put("expiresAt", n(checkedAt.plus(KEEP).getEpochSecond()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    Optional<Run> last() {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(LAST).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        List<Reconciliation.Finding> findings = item.get("findings").l().stream().map(f -> finding(f.m())).toList();
        return Optional.of(new Run(Instant.parse(text(item, "checkedAt")), findings, Integer.parseInt(item.get("total").n())));
    }

    private static AttributeValue item(Reconciliation.Finding finding) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("kind", s(finding.kind().name()));
        m.put("detail", s(finding.detail()));
        if (finding.orderId() != null) {
            m.put("orderId", s(finding.orderId()));
        }
        if (finding.sku() != null) {
            m.put("sku", s(finding.sku()));
        }
        return AttributeValue.fromM(m);
    }

    private static Reconciliation.Finding finding(Map<String, AttributeValue> m) {
        return new Reconciliation.Finding(Reconciliation.Kind.valueOf(text(m, "kind")), text(m, "orderId"), text(m, "sku"), text(m, "detail"));
    }
}
