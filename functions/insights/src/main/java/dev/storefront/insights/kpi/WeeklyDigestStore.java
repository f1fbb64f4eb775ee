package dev.storefront.insights.kpi;

import dev.storefront.aws.EventMessages;
import dev.storefront.domain.EventIds;
import dev.storefront.domain.insights.DateRange;
import dev.storefront.domain.insights.IsoWeek;
import dev.storefront.domain.insights.WeeklyDigest;
import dev.storefront.eventcontract.Envelope;
import dev.storefront.insights.retention.InsightsQueues;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

import static dev.storefront.aws.Attributes.s;

/**
 * The weekly digest: the five central KPIs of an ISO week against the week before, computed from
 * the day items on read (one Query), and published once per week as {@code kpi.weekly_digest} on
 * the notifications queue. Once: the week's marker (pk {@code DIGEST}, sk {@code <week>},
 * {@code sentAt}) is written after the send, and a run that finds it sends nothing; a crash
 * between the two resends the same eventId (derived from the week), which the consumer drops.
 */
@Singleton
class WeeklyDigestStore {

    static final String TYPE = "kpi.weekly_digest";
    private static final Logger LOG = LoggerFactory.getLogger(WeeklyDigestStore.class);

    private final KpiTable kpis;
    private final DynamoDbClient dynamo;
    private final String table;
    private final SqsClient sqs;
    private final String queueUrl;
    private final JsonMapper json;

    WeeklyDigestStore(KpiTable kpis, DynamoDbClient dynamo, InsightsTables tables, SqsClient sqs, InsightsQueues queues, JsonMapper json) {
        this.kpis = kpis;
        this.dynamo = dynamo;
        this.table = tables.insights();
        this.sqs = sqs;
        this.queueUrl = queues.notifications();
        this.json = json;
    }

    WeeklyDigest digest(IsoWeek week) {
        return WeeklyDigest.of(week, kpis.countedUpTo(new DateRange(week.monday(), week.sunday())));
    }

    /** Publishes the week's digest unless it was sent before; true when it was sent now. */
    boolean publishOnce(IsoWeek week, Instant now) {
        Map<String, AttributeValue> key = Map.of("pk", s("DIGEST"), "sk", s(week.toString()));
        Map<String, AttributeValue> marker = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
        if (marker != null && marker.containsKey("sentAt")) {
            LOG.info("Weekly digest of {} was sent at {}: nothing to send", week, marker.get("sentAt").s());
            return false;
        }
        String eventId = EventIds.of("kpi:weekly_digest:" + week).toString();
        try {
            Map<String, Object> data = json.readValue(json.writeValueAsBytes(WeeklyView.of(digest(week))), Argument.mapOf(String.class, Object.class));
            Envelope envelope = new Envelope(eventId, TYPE, Envelope.VERSION, now.toString(), null, data);
            EventMessages.send(sqs, queueUrl, json.writeValueAsString(envelope), TYPE, eventId, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", key.get("pk"), "sk", key.get("sk"),
                "sentAt", s(now.toString()), "eventId", s(eventId))));
        LOG.info("Weekly digest of {} sent as {}", week, eventId);
        return true;
    }
}
