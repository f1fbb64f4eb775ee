package dev.storefront.local.sources;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Lambda's rules for reading a ReportBatchItemFailures response. */
class BatchItemFailuresTest {

    private static final List<String> BATCH = List.of("m1", "m2", "m3");

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "{}", "{\"batchItemFailures\":null}", "{\"batchItemFailures\":[]}"})
    void no_response_or_an_empty_list_means_the_whole_batch_succeeded(String response) {
        BatchItemFailures failures = BatchItemFailures.read(response, BATCH);

        assertThat(failures.wholeBatchFailed()).isFalse();
        assertThat(failures.failed()).isEmpty();
    }

    @Test
    void the_reported_identifiers_are_the_failed_items() {
        BatchItemFailures failures = BatchItemFailures.read(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"m3\"},{\"itemIdentifier\":\"m2\"}]}", BATCH);

        assertThat(failures.wholeBatchFailed()).isFalse();
        assertThat(failures.failed()).containsExactly("m3", "m2");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "\"ok\"",
            "{\"batchItemFailures\":\"m1\"}",
            "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}",
            "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}",
            "{\"batchItemFailures\":[{\"id\":\"m1\"}]}",
            "{\"batchItemFailures\":[{\"itemIdentifier\":\"m9\"}]}"})
    void a_malformed_response_or_an_unknown_identifier_fails_the_whole_batch(String response) {
        BatchItemFailures failures = BatchItemFailures.read(response, BATCH);

        assertThat(failures.wholeBatchFailed()).isTrue();
        assertThat(failures.invalid()).isNotBlank();
    }
}
