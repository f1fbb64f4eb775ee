package dev.storefront.insights.kpi;

import dev.storefront.domain.insights.IsoWeek;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Runs on the template's schedule (Monday 06:00 UTC): publishes the digest of the last ISO week
 * that ended before the scheduled time (the event's {@code time}), once however often it runs.
 * Answers what it did, for the log.
 */
public class WeeklyDigestFunction extends MicronautRequestHandler<Map<String, Object>, String> {

    @Inject
    WeeklyDigestStore digests;
    @Inject
    Clock clock;

    @Override
    public String execute(Map<String, Object> scheduledEvent) {
        Object time = scheduledEvent == null ? null : scheduledEvent.get("time");
        Instant at = time == null ? clock.instant() : Instant.parse(time.toString());
        IsoWeek week = IsoWeek.lastCompleteOn(LocalDate.ofInstant(at, ZoneOffset.UTC).minusDays(1));
        return (digests.publishOnce(week, clock.instant()) ? "sent " : "already sent ") + week;
    }
}
