package dev.storefront.domain.insights;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a shopper's request came from, as the storefront names it: {@code X-Channel} and
 * {@code X-Campaign} (docs/INSIGHTS.md, "Attribution"). Both only label analytics events, so a bad
 * header is never a 4xx: an unknown channel is {@code other}, an unreadable campaign is
 * {@code other}, and only the validated id is ever kept, never the header.
 */
public final class TrafficSource {

    public static final String CHANNEL_HEADER = "X-Channel";
    public static final String CAMPAIGN_HEADER = "X-Campaign";
    /** The channel of a request without X-Channel: the storefront's own web shop. */
    public static final String DEFAULT_CHANNEL = "web";
    /** An unknown channel, an unreadable campaign, or an order whose checkout was never seen. */
    public static final String OTHER = "other";
    /** The campaign group of traffic without a campaign. */
    public static final String NO_CAMPAIGN = "none";
    public static final List<String> CHANNELS = List.of("web", "mobile", "store", "social", "email", OTHER);
    /** Only this much of X-Campaign is read; the rest is dropped (truncated, not refused). */
    public static final int MAX_CAMPAIGN_HEADER = 200;

    private static final Pattern CAMPAIGN_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private TrafficSource() {
    }

    /** The channel of an {@code X-Channel} value: one of {@link #CHANNELS}, web when absent. */
    public static String channel(String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT_CHANNEL;
        }
        String channel = header.trim().toLowerCase(Locale.ROOT);
        return CHANNELS.contains(channel) ? channel : OTHER;
    }

    /**
     * The campaignId of an {@code X-Campaign} value ({@code source/medium/campaign} from the
     * storefront's UTM parameters, or a bare campaign id): null when absent; {@code other} when it has
     * control characters, no campaign part, or an id outside {@code [a-z0-9][a-z0-9._-]{0,63}}
     * after lower-casing. Read from its first {@value #MAX_CAMPAIGN_HEADER} characters only.
     */
    public static String campaign(String header) {
        if (header == null || header.isEmpty()) {
            return null;
        }
        if (CONTROL.matcher(header).find()) {
            return OTHER;
        }
        String read = header.length() > MAX_CAMPAIGN_HEADER ? header.substring(0, MAX_CAMPAIGN_HEADER) : header;
        String[] parts = read.split("/", -1);
        String id = parts.length == 1 ? parts[0] : parts.length == 3 ? parts[2] : "";
        id = id.trim().toLowerCase(Locale.ROOT);
        return isCampaignId(id) ? id : OTHER;
    }

    /** A campaignId an admin may record spend for: the pattern, and not one of the reserved group names. */
    public static boolean isCampaignId(String id) {
        return id != null && CAMPAIGN_ID.matcher(id).matches() && !id.equals(OTHER) && !id.equals(NO_CAMPAIGN);
    }
}
