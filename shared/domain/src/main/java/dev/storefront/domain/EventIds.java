package dev.storefront.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids that are a function of what happened, not of when it was published: a name-based UUID
 * (RFC 4122 version 3) of a name such as {@code <orderId>:PLACED} in the storefront's namespace.
 * Publishing the same fact twice (a replayed stream record, a retried batch) gives the same id,
 * so a consumer drops the second copy by its id.
 */
public final class EventIds {

    /** The storefront's namespace for event names; fixed forever, or every id changes. */
    public static final UUID NAMESPACE = UUID.fromString("5f0b1c52-8d3e-4c8e-9a55-2f6f0e7d9b13");

    private EventIds() {
    }

    /** The event id of a named fact, e.g. {@code of("3f2a...:PLACED")}. */
    public static UUID of(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an event needs a name to derive its id from");
        }
        byte[] text = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(16 + text.length);
        bytes.putLong(NAMESPACE.getMostSignificantBits()).putLong(NAMESPACE.getLeastSignificantBits()).put(text);
        return UUID.nameUUIDFromBytes(bytes.array());
    }
}
