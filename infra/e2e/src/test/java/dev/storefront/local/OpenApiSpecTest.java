package dev.storefront.local;

import dev.storefront.testsupport.OpenApiContract;
import dev.storefront.samlocal.SamFunction;
import dev.storefront.samlocal.SamTemplate;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/openapi.yaml and template.yaml describe the same API: every HttpApi route of every function
 * is an operation of the spec (method and path), and the spec has no operation the template lacks,
 * apart from those marked {@code x-local-only} (served by the local runtime alone).
 */
class OpenApiSpecTest {

    static final OpenApiContract SPEC = OpenApiContract.repo();

    @Test
    void the_spec_has_exactly_the_routes_of_the_template() {
        Set<String> template = new TreeSet<>();
        for (SamFunction function : TemplateTest.TEMPLATE.functions()) {
            function.httpRoutes().forEach(route -> template.add(route.routeKey()));
        }
        Set<String> spec = new TreeSet<>();
        SPEC.operations().stream().filter(op -> !op.localOnly()).forEach(op -> spec.add(op.key()));

        assertThat(template).as("template routes").isNotEmpty();
        assertThat(spec).as("operations in docs/openapi.yaml that template.yaml lacks").isSubsetOf(template);
        assertThat(template).as("template routes that docs/openapi.yaml misses").isSubsetOf(spec);
    }

    @Test
    void the_spec_is_openapi_3_1_and_every_operation_has_a_tag_an_id_and_its_security() {
        assertThat(SPEC.document().path("openapi").asText()).startsWith("3.1.");
        Set<String> tags = new TreeSet<>();
        SPEC.document().path("tags").forEach(t -> tags.add(t.path("name").asText()));
        for (OpenApiContract.Operation op : SPEC.operations()) {
            assertThat(op.node().path("tags")).as(op.key() + " tags").hasSize(1);
            assertThat(tags).as(op.key() + " tag is declared").contains(op.node().path("tags").get(0).asText());
            assertThat(op.node().path("operationId").asText()).as(op.key() + " operationId").isNotBlank();
            assertThat(op.node().has("security")).as(op.key() + " says who may call it").isTrue();
        }
    }

    @Test
    void admin_routes_need_the_bearer_token_and_name_the_admin_group() {
        for (OpenApiContract.Operation op : SPEC.operations()) {
            if (op.path().startsWith("/admin/")) {
                assertThat(op.node().path("security").toString()).as(op.key()).isEqualTo("[{\"bearer\":[]}]");
                assertThat(op.node().path("x-required-group").asText()).as(op.key()).isEqualTo("admin");
                assertThat(op.node().path("responses").has("401") && op.node().path("responses").has("403")).as(op.key() + " 401 and 403").isTrue();
            }
        }
    }

    @Test
    void the_problem_codes_are_exactly_the_domains() throws IOException {
        Set<String> spec = new TreeSet<>();
        SPEC.document().at("/components/schemas/ProblemCode/enum").forEach(c -> spec.add(c.asText()));
        // Read from the source: this module does not depend on the domain's classes.
        Matcher constants = Pattern.compile("(?m)^\\s+([A-Z_]+)\\(\\d{3},").matcher(
                Files.readString(SamTemplate.findRepoRoot().resolve("shared/domain/src/main/java/dev/storefront/domain/ProblemCode.java")));
        Set<String> domain = new TreeSet<>();
        while (constants.find()) {
            domain.add(constants.group(1));
        }
        assertThat(domain).hasSizeGreaterThan(10);
        assertThat(spec).isEqualTo(domain);
    }

    @Test
    void every_example_is_valid_for_its_schema() {
        assertThat(SPEC.exampleViolations()).isEmpty();
    }
}
