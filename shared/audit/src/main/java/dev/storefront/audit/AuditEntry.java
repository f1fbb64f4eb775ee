package dev.storefront.audit;

import java.time.Instant;

/**
 * One admin write: who ({@code actor}, the JWT subject), what ({@code action}, the route key such as
 * {@code PUT /admin/inventory/{sku}}), on what ({@code target}, the path), in which request, and a
 * bounded summary of the state before (where the route knew it) and after (its answer), with
 * secrets and personal data redacted.
 */
public record AuditEntry(Instant at, String actor, String action, String target, String requestId, String before, String after) {
}
