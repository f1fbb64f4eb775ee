package dev.storefront.local;

import dev.storefront.samlocal.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenarios on a second, independent emulator: the tables, streams and queues in moto's server
 * on a free port, reached through the external endpoint that {@code BACKEND=localstack} uses
 * ({@code LOCALSTACK_ENDPOINT}). Skipped where moto is not installed.
 *
 * <p>moto deviates from what DynamoDB documents three times on this path, so the server is
 * started with {@code infra/local/moto/moto-server.py}: moto_server plus a patch for each ((2) and
 * (3) checked by {@link MotoServerTest}); the runtime's stream poller is unchanged. (1) Conditional writes are
 * not atomic under concurrent requests (two adds to a cart at the same version both land, one is
 * lost), and a transaction's table snapshot breaks on a concurrent write (a 500). (2) A cancelled
 * transaction (a stock-out, an idempotent replay) swaps the table's stream shard for a copy, so the
 * iterators already handed out never see another record: the Orders stream goes quiet and orders
 * stay PLACED, the failure first seen with {@code BACKEND=localstack make run} on moto. (3)
 * ClientRequestToken is ignored, so the SDK's retry of a transaction whose answer timed out is
 * applied twice and fails its own conditions.
 */
@EnabledIf(value = MotoServer.INSTALLED, disabledReason = MotoServer.NOT_INSTALLED)
class MotoEndToEndTest extends EndToEndSuite {

    static MotoServer moto;
    static Path dataDir;
    static LocalRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.shared();
        // The data directory of an earlier embedded `make run`: its seed marker must not keep moto empty.
        dataDir = dev.storefront.samlocal.ScratchFolders.create("storefront-moto");
        Files.writeString(dataDir.resolve("seeded"), "seeded on the embedded emulators\n");
        runtime = LocalRuntime.start(LocalRuntime.Options.ephemeral(SamTemplate.findRepoRoot())
                .withLocalstack(moto.endpoint()).withDataDir(dataDir));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Override
    LocalRuntime runtime() {
        return runtime;
    }

    @Test
    void a_data_directory_seeded_on_the_embedded_emulators_seeds_moto_too() {
        ApiClient.Response product = new ApiClient(runtime.baseUrl()).get("/products/trail-runner");

        assertThat(product.status()).isEqualTo(200);
        assertThat(dataDir.resolve("seeded-localhost-" + moto.endpoint().getPort())).isRegularFile();
    }
}
