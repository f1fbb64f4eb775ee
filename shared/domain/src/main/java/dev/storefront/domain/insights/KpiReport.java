package dev.storefront.domain.insights;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows of a date range, one per day, days without events included as zeros. Needs the counted
 * days up to the range's end from the beginning: the repeat-purchase rate counts customers over all
 * time up to each day.
 */
public final class KpiReport {

    private KpiReport() {
    }

    /** @param countedUpToEnd every day with counters on or before {@code range.to()}, in any order */
    public static List<DailyKpis> rows(DateRange range, List<DayCounters> countedUpToEnd) {
        Map<LocalDate, DayCounters> byDate = new TreeMap<>();
        long customers = 0;
        long repeat = 0;
        for (DayCounters day : countedUpToEnd) {
            if (day.date().isAfter(range.to())) {
                throw new IllegalArgumentException("a day after the range: " + day.date());
            }
            byDate.put(day.date(), day);
            if (day.date().isBefore(range.from())) {
                customers += day.firstOrderCustomers();
                repeat += day.secondOrderCustomers();
            }
        }
        List<DailyKpis> rows = new ArrayList<>();
        for (LocalDate date : range.days()) {
            DayCounters day = byDate.getOrDefault(date, DayCounters.empty(date));
            customers += day.firstOrderCustomers();
            repeat += day.secondOrderCustomers();
            rows.add(DailyKpis.of(day, customers, repeat));
        }
        return rows;
    }
}
