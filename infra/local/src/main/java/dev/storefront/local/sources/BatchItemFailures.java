package dev.storefront.local.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What a function reported with {@code ReportBatchItemFailures}:
 * {@code {"batchItemFailures": [{"itemIdentifier": "..."}]}}, the identifiers being SQS message ids
 * or stream sequence numbers. Read with Lambda's rules: no response, an empty object, a null or
 * empty list mean the whole batch succeeded; a response that is not such an object, or an item
 * whose identifier is missing, empty or not in the batch, fails the whole batch.
 *
 * @param failed  the reported identifiers, in the order reported; empty on success
 * @param invalid why the response fails the whole batch, null when it is valid
 */
record BatchItemFailures(List<String> failed, String invalid) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static BatchItemFailures none() {
        return new BatchItemFailures(List.of(), null);
    }

    static BatchItemFailures read(String response, Collection<String> batchIdentifiers) {
        if (response == null || response.isBlank()) {
            return none();
        }
        JsonNode root;
        try {
            root = JSON.readTree(response);
        } catch (IOException e) {
            return invalid("the response is not JSON");
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return none();
        }
        if (!root.isObject()) {
            return invalid("the response is not an object with batchItemFailures");
        }
        JsonNode items = root.get("batchItemFailures");
        if (items == null || items.isNull()) {
            return none();
        }
        if (!items.isArray()) {
            return invalid("batchItemFailures is not a list");
        }
        List<String> failed = new ArrayList<>();
        for (JsonNode item : items) {
            JsonNode id = item.get("itemIdentifier");
            if (id == null || !id.isTextual() || id.asText().isEmpty()) {
                return invalid("an item of batchItemFailures has no itemIdentifier");
            }
            if (!batchIdentifiers.contains(id.asText())) {
                return invalid("itemIdentifier " + id.asText() + " is not in the batch");
            }
            failed.add(id.asText());
        }
        return new BatchItemFailures(List.copyOf(failed), null);
    }

    boolean wholeBatchFailed() {
        return invalid != null;
    }

    private static BatchItemFailures invalid(String reason) {
        return new BatchItemFailures(List.of(), reason);
    }
}
