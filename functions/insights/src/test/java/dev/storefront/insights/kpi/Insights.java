package dev.storefront.insights.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import dev.storefront.samlocal.SqsEvents;
import dev.storefront.testsupport.TestStack;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The insights consumer (SQS batches as Lambda hands them over) and the insights admin function
 * (HTTP through the template's routes), both from this module, on the shared emulators.
 */
final class Insights {

    private static Insights shared;

    final FunctionHarness consumer;
    final FunctionHarness admin;

    private Insights() {
        consumer = FunctionHarness.start("InsightsFunction");
        admin = FunctionHarness.start("InsightsAdminFunction");
    }

    static synchronized Insights get() {
        if (shared == null) {
            shared = new Insights();
        }
        return shared;
    }

    /** One batch from the analytics-events queue; the positions (0-based) of the messages reported failed. */
    List<Integer> deliver(List<String> bodies) {
        return consumer.deliver("AnalyticsEventsQueue", bodies.stream().map(SqsEvents::message).toList());
    }

    /** Delivers in batches of at most 10, as the event-source mapping does; fails the test on any failure. */
    void deliverAll(List<String> bodies) {
        for (int from = 0; from < bodies.size(); from += 10) {
            List<String> batch = bodies.subList(from, Math.min(bodies.size(), from + 10));
            assertThat(deliver(batch)).as("failures in " + batch).isEmpty();
        }
    }

    HttpResult kpis(String query, String subject, String... groups) {
        HttpCall call = HttpCall.get("/admin/kpis" + query);
        return admin.http(subject == null ? call : call.as(subject, groups));
    }

    /** The rows of a range, as an admin reads them. */
    JsonNode rows(String from, String to) {
        HttpResult result = kpis("?from=" + from + "&to=" + to, "ops", "admin");
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json().path("items");
    }

    HttpResult dashboard(String query) {
        return admin.http(HttpCall.get("/admin/kpis/dashboard" + query).as("ops", "admin"));
    }
}
