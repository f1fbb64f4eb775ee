package dev.storefront.local;

import dev.storefront.samlocal.EmulatorOptions;
import dev.storefront.samlocal.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** `make run` as a newcomer meets it: a runtime on a data folder, and the make targets beside it. */
class OnDiskRuntimeTest {

    private static final Path ROOT = SamTemplate.findRepoRoot();

    @TempDir
    static Path data;

    private static LocalRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(options());
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private static LocalRuntime.Options options() {
        return new LocalRuntime.Options(ROOT.resolve("template.yaml"), 0, 0, 0, data, null,
                ROOT.resolve("infra/local/seed"), EmulatorOptions.DEFAULT_REGION, true);
    }

    @Test
    void makeTokenMintsFromTheRuntimeOnThisDataFolderWhateverItsPort() throws Exception {
        assertThat(Files.readString(data.resolve(ServedPorts.FILE))).contains("http=" + runtime.baseUrl().getPort());

        String token = make("token", "SUB=alice").trim();

        ApiClient.Response orders = new ApiClient(runtime.baseUrl()).send("GET", "/orders", null, token);
        assertThat(orders.status()).as(orders.body()).isEqualTo(200);
    }

    @Test
    void theBannerNamesTheDataFolderTheSeededCodesAndSegmentsAndShowsACheckout() {
        assertThat(runtime.banner())
                .contains("data        " + data + " (STOREFRONT_DATA_DIR")
                .contains("discounts   WELCOME10, FIVEOFF, EXPIRED2020")
                .contains("segments    campus, loyal, new")
                .contains(runtime.baseUrl() + "/carts/$CART/checkout");
    }

    @Test
    void makeResetRefusesWhileTheRuntimeServesFromTheFolder() throws Exception {
        Process reset = makeProcess("reset");
        assertThat(reset.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(reset.exitValue()).isNotZero();
        assertThat(data.resolve("seeded")).exists();
    }

    @Test
    void makeResetRemovesAStoppedRuntimesData(@TempDir Path stopped) throws Exception {
        Files.writeString(Files.createDirectories(stopped.resolve("dynamodb")).resolve("shared-local-instance.db"), "rows");
        Files.writeString(stopped.resolve(ServedPorts.FILE), "http=1\n");  // a runtime that died without removing it
        ProcessBuilder make = new ProcessBuilder("make", "-s", "reset").directory(ROOT.toFile()).inheritIO();
        make.environment().put("STOREFRONT_DATA_DIR", stopped.toString());
        Process other = make.start();
        assertThat(other.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(other.exitValue()).isZero();
        assertThat(stopped).doesNotExist();
    }

    private static Process makeProcess(String target) throws IOException {
        ProcessBuilder make = new ProcessBuilder("make", "-s", target).directory(ROOT.toFile()).inheritIO();
        make.environment().put("STOREFRONT_DATA_DIR", data.toString());
        return make.start();
    }

    /** Runs {@code make -s <target>} in the repository for this runtime's data folder; its stdout. */
    static String make(String... targetAndVariables) throws Exception {
        Path out = Files.createTempFile(data, "make", ".out");
        ProcessBuilder make = new ProcessBuilder("make", "-s");
        make.command().addAll(java.util.List.of(targetAndVariables));
        make.directory(ROOT.toFile()).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        make.environment().remove("STOREFRONT_HTTP_PORT");
        make.environment().put("STOREFRONT_DATA_DIR", data.toString());
        Process process = make.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("make finishes").isTrue();
        assertThat(process.exitValue()).as("make " + String.join(" ", targetAndVariables)).isZero();
        return Files.readString(out);
    }
}
