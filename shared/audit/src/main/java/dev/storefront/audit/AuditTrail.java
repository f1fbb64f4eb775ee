package dev.storefront.audit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.storefront.domain.Caller;
import dev.storefront.http.CallerBinder;
import dev.storefront.http.Redaction;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventServletRequest;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.IOException;
import java.time.Clock;
import java.util.Set;

/**
 * The one path every admin write takes into the audit log: after any successful (2xx) non-reading
 * request under {@code /admin}, in every function that carries this module, one {@link AuditEntry}
 * with the route's answer (redacted, bounded) as its "after" and, where the route set one with
 * {@link #before}, the state it replaced. Refused writes changed nothing and are not entries.
 *
 * <p>The write has already happened when the entry is recorded: a failed audit write does not turn
 * it into an error for the admin (a retry would apply it twice); the entry goes to the log as an
 * ERROR line instead, which CloudWatch keeps.
 */
@ServerFilter("/admin/**")
public class AuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final String BEFORE = AuditTrail.class.getName() + ".before";

    private final AuditLog log;
    private final JsonMapper json;
    private final Clock clock;

    AuditTrail(AuditLog log, JsonMapper json, Clock clock) {
        this.log = log;
        this.json = json;
        this.clock = clock;
    }

    /** For routes that read the state they replace anyway: kept as the entry's "before". */
    public static void before(HttpRequest<?> request, Object state) {
        request.setAttribute(BEFORE, state);
    }

    @ResponseFilter
    public void record(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (READS.contains(request.getMethod()) || response.code() < 200 || response.code() >= 300 || !log.available()) {
            return;
        }
        String actor = CallerBinder.verified(request).map(Caller::subject).orElse("unknown");
        String action = request.getMethodName() + " " + request.getPath();
        String requestId = java.util.UUID.randomUUID().toString();
        if (request instanceof APIGatewayV2HTTPEventServletRequest<?> lambda) {
            APIGatewayV2HTTPEvent event = lambda.getNativeRequest();
            if (event.getRouteKey() != null && !event.getRouteKey().isBlank()) {
                action = event.getRouteKey();
            }
            if (event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
                requestId = event.getRequestContext().getRequestId();
            }
        }
        AuditEntry entry = new AuditEntry(clock.instant(), actor, action, request.getPath(), requestId,
                summary(request.getAttribute(BEFORE).orElse(null)), summary(response.getBody().orElse(null)));
        try {
            log.record(entry);
        } catch (SdkException e) {
            LOG.error("audit entry not stored ({}): {}", e.getMessage(), entry);
        }
    }

    private String summary(Object state) {
        if (state == null) {
            return null;
        }
        if (state instanceof CharSequence text) {
            String body = text.toString();
            try {
                return json.writeValueAsString(Redaction.redact(json.readValue(body, io.micronaut.json.tree.JsonNode.class)));
            } catch (IOException e) {
                // Not JSON (an HTML page): its length says enough, its text could hold anything.
                return "(" + body.length() + " characters, not JSON)";
            }
        }
        try {
            return json.writeValueAsString(Redaction.redact(json.writeValueToTree(state)));
        } catch (IOException e) {
            return "(" + state.getClass().getSimpleName() + ", not serializable)";
        }
    }
}
