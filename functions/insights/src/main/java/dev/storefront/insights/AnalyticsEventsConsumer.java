package dev.storefront.insights;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.storefront.eventcontract.MessageBatch;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The analytics-events queue in: funnel events from the storefront's functions and every order
 * event from the relay, each handed to every {@link AnalyticsListener}. A message that fails
 * (invalid for docs/events, or a transient error) fails alone and, after 5 receives, rests in
 * AnalyticsEventsDLQ.
 */
public class AnalyticsEventsConsumer extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsEventsConsumer.class);

    @Inject
    List<AnalyticsListener> listeners;
    @Inject
    JsonMapper json;

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        return MessageBatch.process(event, json, LOG, envelope -> listeners.forEach(listener -> listener.on(envelope)));
    }
}
