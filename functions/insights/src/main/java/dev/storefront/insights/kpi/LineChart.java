package dev.storefront.insights.kpi;

import dev.storefront.http.Html;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * An inline SVG line chart of daily series: one {@code <circle class="point">} per day and series
 * with a value (a day whose rate is undefined has no point, and the line breaks there), carrying
 * {@code data-series}, {@code data-date} and {@code data-value} for tests and a {@code <title>}
 * tooltip for people. No script, no external asset.
 */
final class LineChart {

    static final int WIDTH = 760;
    static final int HEIGHT = 240;
    private static final int LEFT = 64;
    // Room for the last day's label, centred on the last point.
    private static final int RIGHT = 40;
    private static final int TOP = 16;
    private static final int BOTTOM = 36;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"};

    record Series(String name, String label, List<BigDecimal> values) {
    }

    private LineChart() {
    }

    /**
     * @param fixedMax the top of the y axis (1 for rates) unless a value is larger (a conversion over
     *                 100 % when orders came without visitor ids), or null to fit the largest value
     * @param format   how a value reads in labels and tooltips
     */
    static String render(String id, String title, List<LocalDate> dates, List<Series> series, BigDecimal fixedMax,
                         Function<BigDecimal, String> format) {
        BigDecimal largest = series.stream().flatMap(s -> s.values().stream())
                .filter(v -> v != null).reduce(BigDecimal.ZERO, BigDecimal::max);
        BigDecimal max = fixedMax != null ? fixedMax.max(largest) : largest;
        if (max.signum() == 0) {
            max = BigDecimal.ONE;
        }
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<figure class=\"chart\" id=\"").append(Html.escape(id)).append("\">\n<figcaption>").append(Html.escape(title))
                .append("</figcaption>\n<svg width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\" aria-label=\"").append(Html.escape(title))
                .append("\" data-chart=\"").append(Html.escape(id)).append("\">\n");
        // Axes and three gridlines: 0, half, max.
        for (int step = 0; step <= 2; step++) {
            BigDecimal value = max.multiply(BigDecimal.valueOf(step)).divide(BigDecimal.valueOf(2), 6, RoundingMode.HALF_UP);
            double y = TOP + plotHeight * (1 - step / 2.0);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>", LEFT, y, WIDTH - RIGHT, y))
                    .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">%s</text>\n",
                            LEFT - 6, y + 4, Html.escape(format.apply(value))));
        }
        for (int i : labelledDays(dates.size())) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">%s</text>\n",
                    x(i, dates.size(), plotWidth), HEIGHT - 12, dates.get(i)));
        }
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            String colour = COLOURS[s % COLOURS.length];
            StringBuilder path = new StringBuilder();
            StringBuilder points = new StringBuilder();
            boolean penDown = false;
            for (int i = 0; i < dates.size(); i++) {
                BigDecimal value = line.values().get(i);
                if (value == null) {
                    penDown = false;
                    continue;
                }
                double x = x(i, dates.size(), plotWidth);
                double y = TOP + plotHeight * (1 - value.doubleValue() / max.doubleValue());
                path.append(String.format(Locale.ROOT, "%s%.1f %.1f ", penDown ? "L" : "M", x, y));
                penDown = true;
                points.append(String.format(Locale.ROOT,
                        "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" data-series=\"%s\" data-date=\"%s\" data-value=\"%s\"><title>%s %s: %s</title></circle>\n",
                        x, y, colour, Html.escape(line.name()), dates.get(i), value.toPlainString(),
                        Html.escape(line.label()), dates.get(i), Html.escape(format.apply(value))));
            }
            if (!path.isEmpty()) {
                svg.append("<path d=\"").append(path.toString().strip()).append("\" fill=\"none\" stroke=\"").append(colour)
                        .append("\" stroke-width=\"2\" data-series=\"").append(Html.escape(line.name())).append("\"/>\n");
            }
            svg.append(points);
        }
        svg.append("</svg>\n<ul class=\"legend\">");
        for (int s = 0; s < series.size(); s++) {
            svg.append("<li><span style=\"background:").append(COLOURS[s % COLOURS.length]).append("\"></span>")
                    .append(Html.escape(series.get(s).label())).append("</li>");
        }
        return svg.append("</ul>\n</figure>\n").toString();
    }

    private static double x(int index, int count, int plotWidth) {
        return count == 1 ? LEFT + plotWidth / 2.0 : LEFT + plotWidth * (double) index / (count - 1);
    }

    /** First, middle and last day (fewer when the range is shorter). */
    private static List<Integer> labelledDays(int count) {
        if (count <= 2) {
            return count == 1 ? List.of(0) : List.of(0, 1);
        }
        return List.of(0, count / 2, count - 1);
    }
}
