package dev.storefront.local;

import dev.storefront.samlocal.SamTemplate;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * AWS's own template checker, as a second opinion beside {@link TemplateTest}: cfn-lint with the SAM
 * translator knows which runtimes Lambda still accepts, which properties exist and which resources hold
 * state. Errors and warnings fail the build; the informational level is printed as one line per rule.
 */
class CfnLintTest {

    private static final Path TEMPLATE = SamTemplate.findRepoRoot().resolve(SamTemplate.FILE_NAME);

    @Test
    void cfn_lint_finds_no_error_and_no_warning_in_the_template() throws Exception {
        Lint lint = run(List.of("--format", "parseable", "--", TEMPLATE.toString()));
        assertThat(lint.output()).as("cfn-lint template.yaml (errors and warnings)").isEmpty();
        assertThat(lint.exitCode()).as("cfn-lint exit code; output:\n" + lint.output()).isZero();

        Lint info = run(List.of("--format", "parseable", "-c", "I", "--", TEMPLATE.toString()));
        Map<String, Integer> byRule = new TreeMap<>();
        info.output().lines().map(line -> line.split(":")).filter(parts -> parts.length > 3)
                .forEach(parts -> byRule.merge(parts[3], 1, Integer::sum));
        System.out.println("cfn-lint informational findings on template.yaml: " + (byRule.isEmpty() ? "none" : byRule));
        assertThat(byRule.keySet()).as("informational findings are errors or warnings here, not hidden").allMatch(rule -> rule.startsWith("I"));
    }

    private static Lint run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("cfn-lint"));
        command.addAll(args);
        Path output = Files.createTempFile("cfn-lint", ".txt");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        } catch (IOException notInstalled) {
            assumeTrue(false, "cfn-lint is not installed, so AWS's template checks are skipped: pip install cfn-lint");
            throw notInstalled;
        }
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("cfn-lint did not finish within 180 s");
        }
        String text = Files.readString(output, StandardCharsets.UTF_8).strip();
        Files.delete(output);
        return new Lint(process.exitValue(), text);
    }

    private record Lint(int exitCode, String output) {
    }
}
