package dev.storefront.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.payments.SandboxIssuer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The card issuer's 3-D Secure page, local runtime only (like /local/token; never in the template):
 * {@code GET /local/payments/{paymentId}} is where a checkout's {@code nextAction} sends the shopper,
 * {@code POST /local/payments/{paymentId}/complete} {@code {"outcome": "succeed" | "fail"}} decides the
 * payment, and the sandbox then sends the signed webhook to POST /webhooks/payments, later and twice.
 */
final class LocalIssuerPage implements AutoCloseable {

    static final String PREFIX = "/local/payments/";
    private static final Pattern PATH = Pattern.compile("/local/payments/(pi_\\w{1,64})(/complete)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxIssuer issuer;

    LocalIssuerPage(SandboxIssuer issuer) {
        this.issuer = issuer;
    }

    void answer(Exchange exchange, String method, String rawPath, byte[] body) throws IOException {
        Matcher m = PATH.matcher(rawPath);
        if (!m.matches()) {
            send(exchange, 404, "application/json", "{\"message\":\"no such payment\"}");
            return;
        }
        String paymentId = m.group(1);
        boolean complete = m.group(2) != null;
        if (complete && method.equals("POST")) {
            String outcome = outcome(body);
            if (!"succeed".equals(outcome) && !"fail".equals(outcome)) {
                send(exchange, 400, "application/json", "{\"message\":\"send {\\\"outcome\\\": \\\"succeed\\\"} or {\\\"outcome\\\": \\\"fail\\\"}\"}");
                return;
            }
            respond(exchange, issuer.complete(paymentId, outcome.equals("succeed")));
        } else if (!complete && method.equals("GET")) {
            Optional<SandboxIssuer.Decision> found = issuer.find(paymentId);
            if (found.isEmpty()) {
                send(exchange, 404, "application/json", "{\"message\":\"no such payment\"}");
                return;
            }
            send(exchange, 200, "text/html; charset=utf-8", page(found.get()));
        } else {
            send(exchange, 405, "application/json", "{\"message\":\"Method Not Allowed\"}");
        }
    }

    private static String outcome(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json == null ? null : json.path("outcome").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static void respond(Exchange exchange, Optional<SandboxIssuer.Decision> decision) throws IOException {
        if (decision.isEmpty()) {
            send(exchange, 404, "application/json", "{\"message\":\"no such payment\"}");
            return;
        }
        SandboxIssuer.Decision d = decision.get();
        send(exchange, 200, "application/json", JSON.createObjectNode().put("paymentId", d.paymentId()).put("orderId", d.orderId())
                .put("status", d.status()).put("decidedNow", d.decidedNow()).toString());
    }

    /**
     * Two buttons; the order's own page is the storefront's business: with {@code ?return=} (same origin
     * only) the page goes back there once decided, else it names the order's confirm call.
     */
    private static String page(SandboxIssuer.Decision d) {
        return """
                <!doctype html><html lang="en"><meta charset="utf-8"><title>Sandbox bank: 3-D Secure</title>
                <h1>Sandbox bank</h1><p>Payment %s for order %s is %s.</p>
                <button onclick="go('succeed')">Authenticate</button> <button onclick="go('fail')">Fail authentication</button>
                <pre id="out"></pre>
                <script>
                async function go(outcome) {
                  const r = await fetch(location.pathname + '/complete', {method: 'POST', headers: {'content-type': 'application/json'},
                      body: JSON.stringify({outcome})});
                  document.getElementById('out').textContent = await r.text()
                      + '\\nNow POST /orders/%s/payment/confirm (or wait for the webhook).';
                  // Back to the storefront that sent the shopper here: its own origin only, never elsewhere.
                  const back = new URLSearchParams(location.search).get('return');
                  if (r.ok && back && back.startsWith(location.origin + '/')) location.assign(back);
                }
                </script></html>
                """.formatted(d.paymentId(), d.orderId(), d.status(), d.orderId());
    }

    private static void send(Exchange exchange, int status, String contentType, String body) throws IOException {
        exchange.responseHeaders().put("content-type", contentType);
        exchange.send(status, body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        issuer.close();
    }
}
