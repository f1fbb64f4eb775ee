package dev.storefront.webhooks;

import dev.storefront.domain.webhook.WebhookTarget;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The SSRF guard in use: a webhook URL is resolved and every address checked ({@link WebhookTarget})
 * when it is saved and again before each delivery, since a name can be pointed elsewhere later.
 * Deliveries also follow no redirects. What remains is DNS rebinding within the moment between
 * this check and the connection (docs/WEBHOOKS.md).
 */
@Singleton
class WebhookTargets {

    private final boolean allowPrivate;

    WebhookTargets(WebhookConfig.Settings settings) {
        this.allowPrivate = settings.allowPrivateTargets();
    }

    /** The URL, allowed; {@link WebhookTarget.Refused} naming why not. */
    URI check(String url) {
        URI uri = WebhookTarget.parse(url, allowPrivate);
        List<InetAddress> addresses;
        try {
            addresses = List.of(InetAddress.getAllByName(uri.getHost()));
        } catch (UnknownHostException e) {
            addresses = List.of();
        }
        WebhookTarget.checkAddresses(uri, addresses, allowPrivate);
        return uri;
    }
}
