package dev.storefront.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.LayoutBase;

import java.time.Instant;
import java.util.Map;

/**
 * One JSON object per line, the shape CloudWatch Logs Insights queries directly:
 * {@code {"timestamp","level","logger","message", ...MDC (requestId, cartId, orderId...), "error"}}.
 * Every string passes through {@link Redaction}. No JSON library: the layout must work before
 * anything else is initialised, and must never fail.
 */
public class JsonLogLayout extends LayoutBase<ILoggingEvent> {

    private static final int MAX_STACK_FRAMES = 15;

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder json = new StringBuilder(256).append('{');
        field(json, "timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        field(json, "level", event.getLevel().toString());
        field(json, "logger", event.getLoggerName());
        field(json, "message", event.getFormattedMessage());
        for (Map.Entry<String, String> entry : event.getMDCPropertyMap().entrySet()) {
            field(json, entry.getKey(), entry.getValue());
        }
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            field(json, "error", error.getClassName() + ": " + error.getMessage());
            StringBuilder stack = new StringBuilder();
            StackTraceElementProxy[] frames = error.getStackTraceElementProxyArray();
            for (int i = 0; i < Math.min(frames.length, MAX_STACK_FRAMES); i++) {
                stack.append(frames[i].getSTEAsString()).append('\n');
            }
            field(json, "stack", stack.toString());
        }
        json.setLength(json.length() - 1);
        return json.append("}\n").toString();
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append('"');
        escape(json, name);
        json.append("\":\"");
        escape(json, Redaction.redact(value == null ? "" : value));
        json.append("\",");
    }

    private static void escape(StringBuilder json, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
    }
}
