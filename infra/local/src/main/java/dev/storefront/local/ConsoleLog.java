package dev.storefront.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ch.qos.logback.classic.Level;
import dev.storefront.local.sources.Invocable;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What `make run` prints: by default one short human line per HTTP request and per event-source
 * invocation (time, method, path, status, ms, function, ids), the functions' own JSON log lines
 * only when they warn or fail, and shortened. {@code STOREFRONT_LOG=json} prints the functions'
 * full JSON lines (what Lambda ships to CloudWatch) and no short lines. Functions log as on Lambda
 * either way: this only reads what they write to stdout.
 */
public final class ConsoleLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    /** MDC fields of a function's line worth keeping in the short form. */
    private static final Set<String> IDS = Set.of("requestId", "cartId", "orderId", "sku", "eventId", "customerId");
    /** What DynamoDB Local prints on System.out as it starts: its options, which the banner already shows. */
    private static final Pattern EMULATOR_BANNER = Pattern.compile(
            "Initializing DynamoDB Local with the following configuration:|(Port|InMemory|Version|DbPath|SharedDb|shouldDelayTransientStatuses|CorsParams):\t.*");
    private static volatile ConsoleLog current;
    private static volatile boolean quiet;

    private final PrintStream out;
    private volatile boolean muted;

    private ConsoleLog(PrintStream out) {
        this.out = out;
    }

    /**
     * The short log on {@code target}: stdout becomes a filter of the functions' JSON lines, and
     * runtimes started from now on print their request lines there. Returns what stdout was.
     */
    public static PrintStream install(PrintStream target) {
        PrintStream previous = System.out;
        // The pollers' own "invoked function=..." lines: this log prints a shorter one of its own.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.storefront.local.sources")).setLevel(Level.WARN);
        current = new ConsoleLog(target);
        System.setOut(new PrintStream(new LineFilter(target), true, StandardCharsets.UTF_8));
        return previous;
    }

    /** Back to {@code stdout} as it was before {@link #install}, with no short lines. */
    public static void uninstall(PrintStream stdout) {
        current = null;
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.storefront.local.sources")).setLevel(null);
        System.setOut(stdout);
    }

    /** The runtime is stopping: from now on stdout passes nothing until {@link #lastLine}. */
    static void quiet() {
        quiet = true;
    }

    /** The one line a stop prints, on the console even after {@link #quiet}. */
    static void lastLine(String line) {
        ConsoleLog log = current;
        PrintStream out = log != null ? log.out : System.out;
        out.println(line);
        out.flush();
    }

    /** Bulk work that would print a line per request (seeding): runs with the request lines off. */
    static <T> T muted(MutedWork<T> work) throws Exception {
        ConsoleLog log = current;
        if (log == null) {
            return work.run();
        }
        log.muted = true;
        try {
            return work.run();
        } finally {
            log.muted = false;
        }
    }

    @FunctionalInterface
    interface MutedWork<T> {
        T run() throws Exception;
    }

    /** A function as event sources call it, with a short line per invocation when the short log is on. */
    static Invocable logged(String function, Invocable target) {
        return (eventJson, requestId) -> {
            ConsoleLog log = current;
            if (log == null || log.muted) {
                return target.invoke(eventJson, requestId);
            }
            long started = System.nanoTime();
            String result = null;
            try {
                result = target.invoke(eventJson, requestId);
                return result;
            } finally {
                log.invocation(function, eventJson, (System.nanoTime() - started) / 1_000_000, result == null ? -1 : failures(result));
            }
        };
    }

    /** The short log unless off or muted, as a request starts (a seed request still answering when the seed ends stays quiet). */
    static ConsoleLog listening() {
        ConsoleLog log = current;
        return log == null || log.muted ? null : log;
    }

    void request(String method, String path, int status, long millis, String function, String requestId) {
        out.println(now() + " " + method + " " + path + " " + status + " " + millis + " ms"
                + (function == null ? "" : " " + function) + " req=" + requestId.substring(0, 8));
    }

    /** An event-source invocation: which records of which source, from the event itself. */
    void invocation(String function, String eventJson, long millis, int failures) {
        boolean schedule = !eventJson.contains("\"Records\"");
        if (schedule && failures == 0) {
            return;  // the sweeper every minute: only news when it fails
        }
        String described = describe(eventJson);
        if (failures == 0 && !described.contains(" order=")) {
            return;  // bookkeeping that names no order (funnel counts, stock seen by the search index): only news when it fails
        }
        out.println(now() + " " + function + " " + described + " " + millis + " ms"
                + (failures < 0 ? " FAILED" : failures > 0 ? " " + failures + " failed" : ""));
    }

    /** The partial batch failures a result reports (batchItemFailures). */
    private static int failures(String resultJson) {
        try {
            return JSON.readTree(resultJson).path("batchItemFailures").size();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String now() {
        return LocalTime.now(ZoneId.systemDefault()).format(TIME);
    }

    /** "SQS fulfilment-updates.fifo x2 order=3f2a…" and the like; never the bodies (personal data). */
    static String describe(String eventJson) {
        JsonNode event;
        try {
            event = JSON.readTree(eventJson);
        } catch (IOException e) {
            return "event";
        }
        JsonNode records = event.path("Records");
        if (!records.isArray() || records.isEmpty()) {
            return event.path("source").asText("event").replace("aws.events", "schedule");
        }
        JsonNode first = records.get(0);
        String arn = first.path("eventSourceARN").asText("");
        Set<String> orders = new TreeSet<>();
        records.forEach(r -> {
            String order = r.path("attributes").path("MessageGroupId").asText(null);
            if (order == null) {
                order = r.at("/dynamodb/Keys/orderId/S").asText(null);
            }
            if (order == null && r.has("body")) {
                order = orderOf(r.path("body").asText());
            }
            if (order != null && order.matches("[0-9a-f]{32}")) {
                orders.add(order);
            }
        });
        String source = first.path("eventSource").asText("").equals("aws:dynamodb")
                ? "stream " + arn.replaceAll(".*:table/([^/]+)/.*", "$1")
                : "SQS " + arn.substring(arn.lastIndexOf(':') + 1);
        return source + " x" + records.size() + (orders.isEmpty() ? "" : " order=" + String.join(",", orders));
    }

    /** The envelope's orderId of an SQS body, read and dropped (the rest may be personal data). */
    private static String orderOf(String body) {
        try {
            return JSON.readTree(body).path("orderId").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** One function JSON line in short: "12:00:01.123 WARN Fulfilment: message orderId=...", or null to drop it. */
    static String shorten(String line) {
        if (EMULATOR_BANNER.matcher(line).matches()) {
            return null;
        }
        if (!line.startsWith("{\"timestamp\"")) {
            return line;
        }
        JsonNode entry;
        try {
            entry = JSON.readTree(line);
        } catch (IOException e) {
            return line;
        }
        String level = entry.path("level").asText("");
        if (!level.equals("WARN") && !level.equals("ERROR")) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        out.append(entry.path("timestamp").asText("").replaceAll(".*T(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}).*", "$1"))
                .append(' ').append(level).append(' ')
                .append(entry.path("logger").asText("").replaceAll(".*\\.", "")).append(": ")
                .append(entry.path("message").asText(""));
        for (Iterator<Map.Entry<String, JsonNode>> fields = entry.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (IDS.contains(field.getKey())) {
                out.append(' ').append(field.getKey()).append('=').append(field.getValue().asText());
            }
        }
        if (entry.has("error")) {
            out.append(" (").append(entry.path("error").asText()).append(')');
        }
        return out.toString();
    }

    /** Collects stdout into lines and passes each through {@link #shorten}. */
    private static final class LineFilter extends OutputStream {

        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);

        LineFilter(PrintStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                String shortened = shorten(line.toString(StandardCharsets.UTF_8));
                line.reset();
                if (shortened != null && !quiet) {
                    target.println(shortened);
                }
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public void flush() {
            target.flush();
        }
    }
}
