package dev.storefront.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Every function's logging, configured in code: one JSON object per line on stdout (Lambda ships
 * stdout to CloudWatch Logs), {@code dev.storefront} at INFO, everything else at WARN. In code and
 * not in a logback.xml because reading XML costs a Java cold start about 150 ms (the JDK's XML
 * parser and logback's Joran, some 400 classes) for four lines of configuration.
 *
 * <p>An explicit {@code -Dlogback.configurationFile} still wins where it can be found: the local
 * runtime's own file is on its class path, not in a function's jar, so functions it hosts keep
 * this configuration (logback would otherwise fall back to DEBUG on the console).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public class JsonLogConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        String file = System.getProperty(ContextInitializer.CONFIG_FILE_PROPERTY);
        if (file != null && findable(file)) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        JsonLogLayout layout = new JsonLogLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("JSON");
        appender.setEncoder(encoder);
        appender.start();

        context.getLogger("dev.storefront").setLevel(Level.INFO);
        context.getLogger("io.micronaut.context.DefaultApplicationContext").setLevel(Level.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Whether logback will find the named configuration: a resource of this class loader, a file, or a URL. */
    static boolean findable(String name) {
        if (JsonLogConfigurator.class.getClassLoader().getResource(name) != null) {
            return true;
        }
        try {
            if (java.nio.file.Files.isRegularFile(java.nio.file.Path.of(name))) {
                return true;
            }
        } catch (java.nio.file.InvalidPathException e) {
            // not a file name; maybe a URL
        }
        try {
            new java.net.URL(name).openStream().close();
            return true;
        } catch (java.io.IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
