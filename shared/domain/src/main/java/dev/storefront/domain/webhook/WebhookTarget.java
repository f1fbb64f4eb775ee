package dev.storefront.domain.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Where a merchant may have the shop POST its events (SSRF guard). On AWS: {@code https} only, and
 * every address the host resolves to must be public: no loopback, private (10/8, 172.16/12,
 * 192.168/16, fc00::/7), link-local (169.254/16 with the instance metadata service, fe80::/10),
 * carrier-grade NAT, multicast or unspecified address. Locally ({@code allowPrivate}) {@code http}
 * and any address are allowed, so a receiver on the laptop can be tried.
 */
public final class WebhookTarget {

    private WebhookTarget() {
    }

    /** A URL that may not be called, and why. */
    public static final class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The URL as given, checked for its form: absolute, http(s), a host, no user info. */
    public static URI parse(String url, boolean allowPrivate) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new Refused("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
            throw new Refused(allowPrivate ? "the URL must be http or https" : "the URL must be https");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new Refused("the URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("the URL may not carry credentials");
        }
        return uri;
    }

    /** Checks the addresses the URL's host resolved to (all of them: a name may resolve to several). */
    public static void checkAddresses(URI uri, List<InetAddress> addresses, boolean allowPrivate) {
        if (addresses.isEmpty()) {
            throw new Refused("the host " + uri.getHost() + " does not resolve");
        }
        if (allowPrivate) {
            return;
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new Refused("the host " + uri.getHost() + " resolves to a private, loopback or link-local address");
            }
        }
    }

    public static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            boolean carrierNat = first == 100 && second >= 64 && second <= 127;
            boolean reserved = first == 0 || first >= 240 || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || (first == 198 && (second == 18 || second == 19));
            return !carrierNat && !reserved;
        }
        if (a instanceof Inet6Address) {
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
            boolean mappedV4 = isMappedV4(b);
            if (mappedV4) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
                } catch (java.net.UnknownHostException e) {
                    return false;
                }
            }
            return !uniqueLocal;
        }
        return false;
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
