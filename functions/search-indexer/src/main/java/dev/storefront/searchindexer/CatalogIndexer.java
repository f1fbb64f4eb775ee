package dev.storefront.searchindexer;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.storefront.catalogstore.CatalogChanges;
import dev.storefront.catalogstore.CatalogReader;
import dev.storefront.searchindex.IndexedProduct;
import dev.storefront.searchindex.SearchIndex;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Keeps the search index from the Products and Inventory streams: for each product a record is
 * about ({@link CatalogChanges}), it reads the product as the catalog lists it now and makes the
 * index hold exactly that, or nothing when it is gone. The record's images are only a hint of
 * which product changed, never the data: a replayed, late or out-of-order record writes the same
 * current state again, so replays are harmless and a rename never resurrects old words.
 *
 * <p>A product is indexed once per batch however many of its records the batch holds, the batch's
 * products side by side (each is a few DynamoDB round trips; the stream's order matters only
 * within a product, and each reads its product as it is now). When a product fails, the first
 * record of the first failed product is reported, so the retry starts there; products after it
 * that succeeded are indexed again then, which changes nothing.
 */
public class CatalogIndexer extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogIndexer.class);

    /** Products indexed at once; daemon threads never hold the function's exit. */
    private static final int PARALLEL_PRODUCTS = 8;

    @Inject
    CatalogReader catalog;

    @Inject
    SearchIndex index;

    private final ExecutorService indexers = Executors.newFixedThreadPool(PARALLEL_PRODUCTS, runnable -> {
        Thread thread = new Thread(runnable, "search-indexer");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public StreamsEventResponse execute(DynamodbEvent event) {
        List<DynamodbStreamRecord> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        Map<String, DynamodbStreamRecord> firstRecords = new LinkedHashMap<>();
        for (DynamodbStreamRecord record : records) {
            CatalogChanges.productOf(record).ifPresent(productId -> firstRecords.putIfAbsent(productId, record));
        }
        Map<String, String> context = MDC.getCopyOfContextMap(); // the invocation's request id, for the workers' lines
        Map<String, Future<?>> indexing = new LinkedHashMap<>();
        firstRecords.keySet().forEach(productId -> indexing.put(productId, indexers.submit(() -> reindexLogged(productId, context))));
        StreamsEventResponse.BatchItemFailure failure = null;
        int done = 0;
        for (Map.Entry<String, Future<?>> product : indexing.entrySet()) {
            SdkException failed = outcome(product.getValue());
            if (failed == null) {
                done++;
            } else if (failure == null) {
                DynamodbStreamRecord record = firstRecords.get(product.getKey());
                String sequenceNumber = record.getDynamodb().getSequenceNumber();
                LOG.error("Indexing product {} (record {}, sequence {}) failed; the batch is retried from there",
                        product.getKey(), record.getEventID(), sequenceNumber, failed);
                failure = new StreamsEventResponse.BatchItemFailure(sequenceNumber == null ? "" : sequenceNumber);
            }
        }
        if (failure != null) {
            return new StreamsEventResponse(List.of(failure));
        }
        LOG.info("Indexed {} products from {} stream records", done, records.size());
        return new StreamsEventResponse(List.of());
    }

    /** Null when the product was indexed, the SDK's exception when DynamoDB refused; anything else is a bug and fails the batch. */
    private static SdkException outcome(Future<?> indexing) {
        try {
            indexing.get();
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SdkException failed) {
                return failed;
            }
            if (e.getCause() instanceof RuntimeException bug) {
                throw bug;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while indexing", e);
        }
    }

    private void reindexLogged(String productId, Map<String, String> context) {
        if (context != null) {
            MDC.setContextMap(context);
        }
        MDC.put("productId", productId);
        try {
            reindex(productId);
        } finally {
            MDC.clear();
        }
    }

    private void reindex(String productId) {
        Optional<CatalogReader.ListedProduct> listed = catalog.listed(productId);
        if (listed.isPresent()) {
            CatalogReader.ListedProduct current = listed.get();
            index.put(IndexedProduct.of(current.product(), current.createdAt(), current.available()));
            LOG.info("Indexed product {}", productId);
        } else {
            index.remove(productId);
            LOG.info("Removed product {} from the index", productId);
        }
    }
}
