package dev.storefront.local;

import dev.storefront.samlocal.FreePorts;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A taken port is named in one line, with the variable that moves it. */
class LocalPortsTest {

    @Test
    void a_port_another_process_holds_is_named_with_its_variable() throws Exception {
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int taken = other.getLocalPort();
            int free = FreePorts.pick();

            var line = LocalPorts.firstTaken(List.of(new LocalPorts.Port("the HTTP API", free, "STOREFRONT_HTTP_PORT"),
                    new LocalPorts.Port("DynamoDB Local", taken, "STOREFRONT_DYNAMODB_PORT")));

            assertThat(line).hasValueSatisfying(text -> assertThat(text)
                    .startsWith("Port " + taken + " (DynamoDB Local) is taken")
                    .contains("STOREFRONT_DYNAMODB_PORT=" + (taken + 1))
                    .doesNotContain("\n"));
        }
    }

    @Test
    void free_and_any_free_ports_pass() throws Exception {
        assertThat(LocalPorts.firstTaken(List.of(new LocalPorts.Port("the HTTP API", 0, "STOREFRONT_HTTP_PORT"),
                new LocalPorts.Port("ElasticMQ (SQS)", FreePorts.pick(), "STOREFRONT_SQS_PORT")))).isEmpty();
    }
}
