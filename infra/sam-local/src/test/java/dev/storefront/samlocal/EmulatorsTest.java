package dev.storefront.samlocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class EmulatorsTest {

    @Test
    void emulators_listen_on_loopback_only_so_nobody_on_the_network_reads_the_local_data() throws IOException {
        List<InetAddress> external = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                Collections.list(nic.getInetAddresses()).stream().filter(a -> !a.isLinkLocalAddress()).forEach(external::add);
            }
        }
        Assumptions.assumeFalse(external.isEmpty(), "this host has no network address besides loopback");
        try (Emulators emulators = Emulators.start(EmulatorOptions.ephemeral())) {
            for (InetAddress address : external) {
                for (int port : new int[] {emulators.dynamoEndpoint().getPort(), emulators.sqsEndpoint().getPort()}) {
                    assertThatThrownBy(() -> new Socket(address, port).close()).as(address + ":" + port).isInstanceOf(ConnectException.class);
                }
            }
            assertThat(accepts(emulators.dynamoEndpoint().getPort())).isTrue();
        }
    }

    @Test
    void startOnFreePortsServeTheClientsAndStop() {
        Emulators emulators = Emulators.start(EmulatorOptions.ephemeral());
        try (emulators) {
            assertThat(emulators.region()).isEqualTo("us-east-1");
            assertThat(emulators.dynamoEndpoint().getPort()).isNotIn(8000, 9324, 3000);
            assertThat(emulators.sqsEndpoint().getPort()).isNotIn(8000, 9324, 3000)
                    .isNotEqualTo(emulators.dynamoEndpoint().getPort());

            emulators.dynamo().createTable(b -> b.tableName("emulators-test")
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            assertThat(emulators.dynamo().listTables().tableNames()).contains("emulators-test");

            String url = emulators.sqs().createQueue(b -> b.queueName("emulators-test")).queueUrl();
            assertThat(url).isEqualTo(emulators.sqsEndpoint() + "/000000000000/emulators-test");
        }
        emulators.close();  // a second close is harmless

        assertThat(accepts(emulators.dynamoEndpoint().getPort())).isFalse();
        assertThat(accepts(emulators.sqsEndpoint().getPort())).isFalse();
    }

    @Test
    void failsClearlyWhenARequestedPortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            EmulatorOptions options = EmulatorOptions.ephemeral().withPorts(0, taken.getLocalPort());

            assertThatThrownBy(() -> Emulators.start(options))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("sqsPort=" + taken.getLocalPort());
        }
    }

    @Test
    void rejectsImpossibleOptions() {
        assertThatThrownBy(() -> new EmulatorOptions(-1, 0, null, "us-east-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EmulatorOptions(0, 70_000, null, "us-east-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EmulatorOptions(0, 0, null, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void picksDistinctUsablePorts() {
        int port = FreePorts.pick();

        assertThat(port).isBetween(1024, 65_535);
        assertThat(accepts(port)).isFalse();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return socket.isConnected();
        } catch (IOException refused) {
            return false;
        }
    }
}
