package dev.storefront.testsupport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.storefront.logging.JsonLogLayout;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Captures what the code under test logs, rendered exactly as the functions' JSON layout renders it. */
public final class LogCapture implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final JsonLogLayout layout = new JsonLogLayout();

    private LogCapture() {
        appender.setContext(root.getLoggerContext());
        layout.setContext(root.getLoggerContext());
        appender.start();
        layout.start();
        root.addAppender(appender);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    public List<String> lines() {
        return List.copyOf(appender.list).stream().map(layout::doLayout).toList();
    }

    public String all() {
        return String.join("", lines());
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
