package dev.storefront.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLogConfiguratorTest {

    @Test
    void functions_log_json_lines_to_stdout_with_the_shops_own_loggers_at_info() {
        LoggerContext context = new LoggerContext();

        Configurator.ExecutionStatus status = new JsonLogConfigurator().configure(context);

        assertThat(status).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.storefront.catalog").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("io.micronaut.context.DefaultApplicationContext").getLevel()).isEqualTo(Level.WARN);
        ConsoleAppender<?> appender = (ConsoleAppender<?>) root.getAppender("JSON");
        assertThat(((LayoutWrappingEncoder<?>) appender.getEncoder()).getLayout()).isInstanceOf(JsonLogLayout.class);
        assertThat(appender.isStarted()).isTrue();
    }

    @Test
    void a_configuration_file_named_but_not_findable_here_does_not_leave_a_function_unconfigured() {
        assertThat(JsonLogConfigurator.findable("storefront-logback-that-is-not-here.xml")).isFalse();
        assertThat(JsonLogConfigurator.findable("META-INF/services/ch.qos.logback.classic.spi.Configurator")).isTrue();
    }

    @Test
    void the_service_loader_finds_it() {
        assertThat(java.util.ServiceLoader.load(Configurator.class).stream().map(p -> p.type().getName()))
                .contains(JsonLogConfigurator.class.getName());
    }
}
