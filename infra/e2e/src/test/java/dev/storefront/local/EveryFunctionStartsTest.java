package dev.storefront.local;

import dev.storefront.samlocal.SamTemplate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every function of the template cold-starts from its shaded jar, as Lambda would start it. Test
 * runtimes start a function only when it is first invoked, so a function no test calls (the weekly
 * digest) would otherwise never be started by one.
 */
class EveryFunctionStartsTest {

    @Test
    void every_function_in_the_template_starts_from_its_jar() {
        int functions = SharedRuntime.get().startEveryFunction();

        assertThat(functions).isEqualTo(SamTemplate.load(SamTemplate.findRepoRoot().resolve("template.yaml")).functions().size());
    }
}
