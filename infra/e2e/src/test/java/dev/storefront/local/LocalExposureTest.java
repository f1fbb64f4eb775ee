package dev.storefront.local;

import dev.storefront.samlocal.EmulatorOptions;
import dev.storefront.samlocal.SamTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What `make run` exposes on a developer's machine (issue 25 item 7), beyond the emulators' loopback binding. */
class LocalExposureTest {

    @Test
    void clients_that_never_finish_their_headers_do_not_freeze_the_gateway() throws IOException, InterruptedException {
        LocalRuntime runtime = SharedRuntime.get();
        List<Socket> stalled = new ArrayList<>();
        try {
            // More than the gateway's threads: Jetty reads headers without one, so a stalled client holds only a socket.
            for (int i = 0; i < HttpGateway.MAX_WORKERS + 64; i++) {
                Socket socket = new Socket("127.0.0.1", runtime.baseUrl().getPort());
                socket.getOutputStream().write("GET /products HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }

            // A deadline only so that a frozen gateway fails the test instead of hanging it.
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(runtime.baseUrl().resolve("/products?limit=1"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void a_second_runtime_on_the_same_data_folder_is_refused_naming_the_variable(@TempDir Path folder) throws Exception {
        LocalRuntime.Options options = new LocalRuntime.Options(SamTemplate.findRepoRoot().resolve("template.yaml"), 0, 0, 0, folder,
                null, null, EmulatorOptions.DEFAULT_REGION, false);
        try (DataFolderLock first = DataFolderLock.acquire(folder)) {
            assertThatThrownBy(() -> LocalRuntime.start(options))
                    .isInstanceOf(DataFolderLock.InUse.class)
                    .hasMessageContaining(folder.toString()).hasMessageContaining("STOREFRONT_DATA_DIR")
                    .hasMessageNotContaining("\n");
        }
        DataFolderLock.acquire(folder).close();  // released with its holder
    }
}
