package dev.storefront.samlocal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict percent-decoding of a raw path: every {@code %} starts two hex digits and the bytes are
 * UTF-8. {@link java.net.URLDecoder} throws on {@code %zz} or {@code %u0041} (a 500 once) and turns
 * {@code %C3%28} into U+FFFD without a word; a path like those is bad input, refused before routing.
 * A {@code +} is a plus: only a query's {@code +} means a space.
 */
public final class PercentEncoding {

    private PercentEncoding() {
    }

    public static boolean decodes(String raw) {
        try {
            decode(raw);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The decoded text; IllegalArgumentException, saying what is wrong, when {@code raw} does not decode. */
    public static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) != '%') {
                int codePoint = raw.codePointAt(i);
                bytes.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint) - 1;
                continue;
            }
            int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
            if (low < 0) {
                throw new IllegalArgumentException("'%' at " + i + " is not followed by two hex digits");
            }
            bytes.write(high << 4 | low);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("its percent-encoded bytes are not UTF-8");
        }
    }
}
