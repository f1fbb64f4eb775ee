package dev.storefront.samlocal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Builds the event an EventBridge schedule rule hands a function:
 * {@code {"version": "0", "id", "detail-type": "Scheduled Event", "source": "aws.events", "account",
 * "time", "region", "resources": [rule ARN], "detail": {}}}, time in whole seconds UTC.
 */
public final class ScheduledEvents {

    public static final String DETAIL_TYPE = "Scheduled Event";
    public static final String SOURCE = "aws.events";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScheduledEvents() {
    }

    /** The event of one firing of the rule (or schedule) {@code resourceArn} at {@code time}. */
    public static String event(String resourceArn, String region, Instant time) {
        return event(resourceArn, region, time, UUID.randomUUID().toString());
    }

    /** As {@link #event(String, String, Instant)} with a given event id. */
    public static String event(String resourceArn, String region, Instant time, String id) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", id);
        event.put("detail-type", DETAIL_TYPE);
        event.put("source", SOURCE);
        event.put("account", IntrinsicResolver.ACCOUNT_ID);
        event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", region);
        event.putArray("resources").add(resourceArn);
        event.putObject("detail");
        return event.toString();
    }

    /** An EventBridge rule's ARN ({@code Type: Schedule} events). */
    public static String ruleArn(String region, String ruleName) {
        return "arn:aws:events:" + region + ":" + IntrinsicResolver.ACCOUNT_ID + ":rule/" + ruleName;
    }

    /** An EventBridge Scheduler schedule's ARN ({@code Type: ScheduleV2} events), in the default group. */
    public static String scheduleArn(String region, String scheduleName) {
        return "arn:aws:scheduler:" + region + ":" + IntrinsicResolver.ACCOUNT_ID + ":schedule/default/" + scheduleName;
    }
}
