package dev.storefront.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Durations of repeated runs, in milliseconds, and the order statistics the report shows. */
final class Samples {

    private final List<Double> millis = new ArrayList<>();

    void add(double ms) {
        millis.add(ms);
    }

    void addNanos(long nanos) {
        millis.add(nanos / 1e6);
    }

    int count() {
        return millis.size();
    }

    double min() {
        return sorted()[0];
    }

    double max() {
        double[] s = sorted();
        return s[s.length - 1];
    }

    double median() {
        return percentile(50);
    }

    /** Nearest-rank percentile. */
    double percentile(double p) {
        double[] s = sorted();
        int rank = (int) Math.ceil(p / 100.0 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    private double[] sorted() {
        if (millis.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        double[] s = millis.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        return s;
    }

    /** min / median / max, e.g. "812 / 845 / 930". */
    String minMedianMax() {
        return String.format("%s / %s / %s", ms(min()), ms(median()), ms(max()));
    }

    ObjectNode json() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("runs", count());
        node.put("minMs", round(min()));
        node.put("medianMs", round(median()));
        node.put("maxMs", round(max()));
        node.put("p99Ms", round(percentile(99)));
        return node;
    }

    static String ms(double ms) {
        return ms >= 100 ? String.format("%.0f", ms) : ms >= 10 ? String.format("%.1f", ms) : String.format("%.2f", ms);
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
