package dev.storefront.local.sources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.samlocal.ScheduledEvents;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A schedule as the template declares it: {@code Type: Schedule} (an EventBridge rule:
 * {@code Schedule}, {@code Enabled} or {@code State}, {@code Input}, {@code Name}) or
 * {@code Type: ScheduleV2} (EventBridge Scheduler: {@code ScheduleExpression},
 * {@code ScheduleExpressionTimezone}, {@code State}, {@code Input}, {@code Name}).
 *
 * @param resourceArn the rule's or schedule's ARN, which the event names in {@code resources}
 * @param input       the {@code Input} JSON the function gets instead of the scheduled event; null when none
 */
record ScheduleMapping(String function, String event, String expressionText, ScheduleExpression expression,
                       String resourceArn, String input, boolean enabled) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ScheduleMapping of(String function, String event, String type, SourceProperties properties, String region) {
        boolean v2 = type.equals("ScheduleV2");
        String text = properties.requiredString(v2 ? "ScheduleExpression" : "Schedule");
        String timezone = v2 ? properties.string("ScheduleExpressionTimezone") : null;
        ScheduleExpression expression;
        try {
            expression = ScheduleExpression.parse(text, timezone == null ? ZoneOffset.UTC : ZoneId.of(timezone));
        } catch (RuntimeException e) {
            throw properties.invalid(e.getMessage());
        }
        String name = properties.has("Name") ? properties.string("Name") : function + event;
        String arn = v2 ? ScheduledEvents.scheduleArn(region, name) : ScheduledEvents.ruleArn(region, name);
        boolean enabled = properties.bool("Enabled", true) && !"DISABLED".equalsIgnoreCase(properties.string("State"));
        return new ScheduleMapping(function, event, text, expression, arn, input(properties), enabled);
    }

    /** CloudFormation takes Input as a JSON string; a YAML object is accepted too. */
    private static String input(SourceProperties properties) {
        Object input = properties.at("Input");
        if (input == null || input instanceof String) {
            return (String) input;
        }
        try {
            return JSON.writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw properties.invalid("Input is not JSON: " + e.getMessage());
        }
    }
}
