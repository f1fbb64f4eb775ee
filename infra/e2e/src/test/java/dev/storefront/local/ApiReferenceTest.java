package dev.storefront.local;

import dev.storefront.testsupport.HeadlessChromium;
import dev.storefront.testsupport.OpenApiContract;
import dev.storefront.samlocal.SamTemplate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API reference `make run` serves: the spec at /openapi.yaml as docs/openapi.yaml has it, and a
 * page at /docs that headless Chromium renders from assets the runtime serves itself, showing every
 * tag and every operation of the spec (so every template route, see OpenApiSpecTest).
 */
class ApiReferenceTest {

    final LocalRuntime runtime = SharedRuntime.get();
    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(runtime.baseUrl().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_spec_is_served_as_it_is_in_docs() throws Exception {
        HttpResponse<String> spec = get("/openapi.yaml");

        assertThat(spec.statusCode()).isEqualTo(200);
        assertThat(spec.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
        assertThat(spec.body()).isEqualTo(Files.readString(SamTemplate.findRepoRoot().resolve("docs/openapi.yaml")));
    }

    @Test
    void the_page_loads_nothing_from_elsewhere() throws Exception {
        HttpResponse<String> page = get("/docs");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-security-policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'"));
        Matcher references = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        Set<String> assets = new HashSet<>();
        while (references.find()) {
            assets.add(references.group(1));
        }
        assertThat(assets).isNotEmpty().allSatisfy(asset -> assertThat(asset).startsWith("/docs/"));
        for (String asset : assets) {
            HttpResponse<String> served = get(asset);
            assertThat(served.statusCode()).as(asset).isEqualTo(200);
        }
        assertThat(get("/docs/assets/../../template.yaml").statusCode()).isEqualTo(404);
        assertThat(get("/docs/assets/nothing.js").statusCode()).isEqualTo(404);
    }

    @Test
    void chromium_shows_every_tag_and_every_operation() throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.installed(), HeadlessChromium.MISSING);
        OpenApiContract spec = OpenApiContract.repo();
        Set<String> tags = new TreeSet<>();
        spec.document().path("tags").forEach(t -> tags.add(t.path("name").asText()));
        Set<String> operationIds = new TreeSet<>();
        spec.operations().forEach(op -> operationIds.add(op.node().path("operationId").asText()));

        try (HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.open(URI.create(runtime.baseUrl() + "/docs").toString());
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(chromium.findAll(".opblock-summary-operation-id")).hasSizeGreaterThanOrEqualTo(operationIds.size()));

            assertThat(chromium.title()).isEqualTo("Storefront API reference");
            Set<String> shownTags = new TreeSet<>();
            chromium.findAll("h3.opblock-tag").forEach(tag -> shownTags.add(chromium.attribute(tag, "data-tag")));
            assertThat(shownTags).isEqualTo(tags);
            Set<String> shownOperations = new TreeSet<>();
            List<String> ids = chromium.findAll(".opblock-summary-operation-id");
            ids.forEach(id -> shownOperations.add(chromium.text(id).strip()));
            assertThat(shownOperations).containsAll(operationIds);
            assertThat(chromium.findAll(".opblock")).hasSizeGreaterThanOrEqualTo(operationIds.size());
        }
    }
}
