package dev.storefront.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.domain.Caller;
import dev.storefront.domain.Problem;
import dev.storefront.domain.webhook.WebhookTarget;
import dev.storefront.http.JsonBody;
import dev.storefront.http.JsonObject;
import dev.storefront.http.QueryParams;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Merchants' webhooks (WebhooksAdminFunction, behind the JWT authorizer; the admin group is checked
 * here as well). {@code PUT /admin/webhooks/erp} {@code {"url": "https://erp.example.com/hooks",
 * "events": ["order.placed", "order.shipped"], "active": true}}: the signing secret is in the answer
 * that creates the webhook, and never again.
 */
@Controller("/admin/webhooks")
class WebhookAdminRoutes {

    private static final Pattern WEBHOOK_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern EVENT_TYPE = Pattern.compile("\\*|order\\.[a-z_]{1,40}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookStore store;
    private final WebhookTargets targets;
    private final Clock clock;

    WebhookAdminRoutes(WebhookStore store, WebhookTargets targets, Clock clock) {
        this.store = store;
        this.targets = targets;
        this.clock = clock;
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WebhookView(String webhookId, String url, List<String> events, boolean active, @Nullable String secret,
                       long consecutiveFailures, @Nullable String disabledReason, String createdAt, String updatedAt) {

        static WebhookView of(Subscription s, boolean withSecret) {
            return new WebhookView(s.webhookId(), s.url(), List.copyOf(new TreeSet<>(s.events())), s.active(), withSecret ? s.secret() : null,
                    s.consecutiveFailures(), s.disabledReason(), s.createdAt().toString(), s.updatedAt().toString());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AttemptView(String eventId, String type, int attempt, String at, String outcome, @Nullable Integer responseCode,
                       long latencyMs, @Nullable String error, @Nullable String nextAttemptAt) {

        static AttemptView of(DeliveryAttempt a) {
            return new AttemptView(a.eventId(), a.type(), a.attempt(), a.at().toString(), a.outcome().name(), a.responseCode(),
                    a.latencyMs(), a.error(), a.nextAttemptAt() == null ? null : a.nextAttemptAt().toString());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AttemptPage(List<AttemptView> items, @Nullable String nextCursor) {
    }

    @Put("/{webhookId}")
    HttpResponse<WebhookView> put(String webhookId, Caller caller, @Nullable @Body String body) {
        caller.requireAdmin();
        requireId(webhookId);
        JsonObject json = JsonBody.parse(body).allowOnly("url", "events", "active");
        String url = json.string("url", 2048);
        try {
            targets.check(url);
        } catch (WebhookTarget.Refused refused) {
            throw Problem.invalid("url", refused.getMessage());
        }
        Set<String> events = Set.copyOf(json.strings("events", 50, 50));
        if (events.isEmpty() || events.stream().anyMatch(e -> !EVENT_TYPE.matcher(e).matches())) {
            throw Problem.invalid("events", "name one or more order event types (order.placed, order.shipped, ...) or \"*\"");
        }
        boolean active = !json.has("active") || json.bool("active");
        Instant now = clock.instant();
        Subscription wanted = new Subscription(webhookId, url, events, active, newSecret(), 0, null, now, now);
        boolean created = store.save(wanted);
        Subscription saved = store.find(webhookId).orElseThrow();
        return HttpResponse.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(WebhookView.of(saved, created));
    }

    @Get("/{webhookId}")
    WebhookView get(String webhookId, Caller caller) {
        caller.requireAdmin();
        return WebhookView.of(existing(webhookId), false);
    }

    @Get("/{webhookId}/deliveries")
    AttemptPage deliveries(String webhookId, Caller caller, @Nullable @QueryValue String limit, @Nullable @QueryValue String cursor) {
        caller.requireAdmin();
        existing(webhookId);
        WebhookStore.Page page = store.attempts(webhookId, QueryParams.intInRange("limit", limit, 1, 100, 20), cursor);
        return new AttemptPage(page.items().stream().map(AttemptView::of).toList(), page.nextCursor());
    }

    private Subscription existing(String webhookId) {
        requireId(webhookId);
        return store.find(webhookId).orElseThrow(() -> Problem.notFound("webhook " + webhookId));
    }

    private static void requireId(String webhookId) {
        if (!WEBHOOK_ID.matcher(webhookId).matches()) {
            throw Problem.notFound("webhook " + Problem.quote(webhookId));
        }
    }

    private static String newSecret() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return "whsec_" + HexFormat.of().formatHex(random);
    }
}
