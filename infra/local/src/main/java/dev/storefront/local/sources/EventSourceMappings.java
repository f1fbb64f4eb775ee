package dev.storefront.local.sources;

import dev.storefront.samlocal.AwsClients;
import dev.storefront.samlocal.EventSource;
import dev.storefront.samlocal.SamFunction;
import dev.storefront.samlocal.StackResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Every non-HTTP event of every function in the template, run as Lambda runs it: each SQS
 * event-source mapping by a {@link SqsPoller}, each DynamoDB stream mapping by a
 * {@link StreamPoller}, each {@code Schedule} / {@code ScheduleV2} by a {@link ScheduleRunner}, each
 * on its own thread. Nothing here names a function: a function added to the template with such
 * events runs locally. Every mapping is checked before any starts, so a template Lambda would
 * refuse fails at startup. Other event types are reported and not run.
 */
public final class EventSourceMappings implements AutoCloseable {

    /** Property names of mappings that the local runtime reads but does not emulate. */
    private static final Set<String> NOT_EMULATED = Set.of("ScalingConfig", "TumblingWindowInSeconds",
            "ParallelizationFactor", "RetryPolicy", "DeadLetterConfig", "FlexibleTimeWindow",
            "StartDate", "EndDate");
    /** Emulated for SQS mappings ({@link MessageFilter}), not for streams. */
    private static final Set<String> DYNAMODB_NOT_EMULATED = Set.of("FilterCriteria", "MaximumBatchingWindowInSeconds");
    private static final Duration FIRST_STREAM_RETRY_PAUSE = Duration.ofMillis(200);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(SqsPoller.LONG_POLL_SECONDS + 10);
    private static final Logger LOG = LoggerFactory.getLogger(EventSourceMappings.class);

    private final StopSignal stop = new StopSignal();
    private final List<EventSourceLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private DynamoDbStreamsClient streams;

    private EventSourceMappings() {
    }

    /**
     * Builds and starts the event sources of every function in {@code resources.template()}.
     *
     * @param functions      each function of the template by logical id
     * @param sqs            the client of the SQS endpoint the tables' and queues' resources live on
     * @param dynamoEndpoint DynamoDB's endpoint; its streams API is read there
     * @param stateDir       where stream positions are kept between runs
     */
    public static EventSourceMappings start(StackResources resources, Map<String, Invocable> functions, SqsClient sqs,
            URI dynamoEndpoint, Path stateDir) {
        EventSourceMappings mappings = new EventSourceMappings();
        try {
            mappings.build(resources, functions, sqs, dynamoEndpoint, stateDir);
        } catch (RuntimeException e) {
            mappings.close();
            throw e;
        }
        mappings.startThreads();
        return mappings;
    }

    private void build(StackResources resources, Map<String, Invocable> functions, SqsClient sqs, URI dynamoEndpoint, Path stateDir) {
        String region = resources.resolver().region();
        ScheduleClock clock = ScheduleClock.fromEnvironment();
        for (SamFunction function : resources.template().functions()) {
            for (EventSource source : function.eventSources()) {
                String where = function.logicalId() + ".Events." + source.eventName();
                Object resolved = resources.resolver().resolve(source.properties());
                SourceProperties properties = new SourceProperties(where, resolved instanceof Map<?, ?> map ? map : Map.of());
                if (!properties.bool("Enabled", true)) {
                    skipped.add(where + " (" + source.type() + ", Enabled: false)");
                    continue;
                }
                Invocable target = functions.get(function.logicalId());
                if (target == null) {
                    throw new IllegalStateException(where + ": function " + function.logicalId() + " is not running");
                }
                EventSourceLoop loop = switch (source.type()) {
                    case "SQS" -> new SqsPoller(SqsMapping.of(function, source.eventName(), properties, resources, sqs),
                            target, sqs, region, stop);
                    case "DynamoDB" -> streamPoller(StreamMapping.of(function.logicalId(), source.eventName(), properties, resources),
                            target, sqs, dynamoEndpoint, stateDir, region);
                    case "Schedule", "ScheduleV2" -> scheduleRunner(
                            ScheduleMapping.of(function.logicalId(), source.eventName(), source.type(), properties, region),
                            target, clock, region);
                    default -> null;
                };
                if (loop == null) {
                    skipped.add(where + " (" + source.type() + " events are not run locally)");
                    continue;
                }
                warnAboutNotEmulated(where, source);
                loops.add(loop);
            }
        }
        skipped.forEach(s -> LOG.warn("event source not running: {}", s));
    }

    private EventSourceLoop streamPoller(StreamMapping mapping, Invocable target, SqsClient sqs, URI dynamoEndpoint,
            Path stateDir, String region) {
        if (streams == null) {
            streams = AwsClients.dynamoStreams(dynamoEndpoint, region);
        }
        Consumer<String> onFailure = mapping.onFailureQueueUrl() != null
                ? record -> sqs.sendMessage(b -> b.queueUrl(mapping.onFailureQueueUrl()).messageBody(record))
                : record -> LOG.warn("failure record of function={} (no SQS on-failure destination): {}", mapping.function(), record);
        StreamBatchDelivery delivery = new StreamBatchDelivery(mapping, target, onFailure, region, stop,
                FIRST_STREAM_RETRY_PAUSE, Clock.systemUTC());
        StreamCheckpoints checkpoints = StreamCheckpoints.load(
                stateDir.resolve(mapping.function() + "." + mapping.event() + ".properties"), mapping.streamArn());
        return new StreamPoller(mapping, streams, delivery, checkpoints, stop);
    }

    private EventSourceLoop scheduleRunner(ScheduleMapping mapping, Invocable target, ScheduleClock clock, String region) {
        if (!mapping.enabled()) {
            skipped.add(mapping.function() + ".Events." + mapping.event() + " (schedule DISABLED)");
            return null;
        }
        return new ScheduleRunner(mapping, target, clock, region, stop);
    }

    private static void warnAboutNotEmulated(String where, EventSource source) {
        source.properties().keySet().stream()
                .filter(p -> NOT_EMULATED.contains(p) || source.type().equals("DynamoDB") && DYNAMODB_NOT_EMULATED.contains(p))
                .forEach(p -> LOG.warn("{}: {} is not emulated by the local runtime and has no effect here", where, p));
    }

    private void startThreads() {
        for (EventSourceLoop loop : loops) {
            Thread thread = new Thread(() -> {
                try {
                    loop.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("event source stopped: {}", loop.description(), e);
                }
            }, loop.name());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** One line per running event source, for the banner. */
    public List<String> describe() {
        return loops.stream().map(EventSourceLoop::description).toList();
    }

    /** Stops every poller and schedule (an invocation under way finishes first), then waits for them. */
    @Override
    public void close() {
        stop.raise();
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (thread.isAlive()) {
                LOG.warn("event source {} did not stop within {} s", thread.getName(), STOP_TIMEOUT.toSeconds());
            }
        }
        if (streams != null) {
            streams.close();
        }
    }
}
