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

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the search index from the Products and Inventory streams: for each product a record is
 * about ({@link CatalogChanges}), it reads the product as the catalog lists it now and makes the
 * index hold exactly that, or nothing when it is gone. The record's images are only a hint of
 * which product changed, never the data: a replayed, late or out-of-order record writes the same
 * current state again, so replays are harmless and a rename never resurrects old words.
 *
 * <p>A product is indexed once per batch however many of its records the batch holds. When a
 * write fails, that record's sequence number is reported and the rest of the batch is left to the
 * retry, which starts there.
 */
public class CatalogIndexer extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogIndexer.class);

    @Inject
    CatalogReader catalog;

    @Inject
    SearchIndex index;

    @Override
    public StreamsEventResponse execute(DynamodbEvent event) {
        List<DynamodbStreamRecord> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        Set<String> done = new HashSet<>();
        for (DynamodbStreamRecord record : records) {
            Optional<String> product = CatalogChanges.productOf(record);
            if (product.isEmpty() || done.contains(product.get())) {
                continue;
            }
            String productId = product.get();
            MDC.put("productId", productId);
            try {
                reindex(productId);
                done.add(productId);
            } catch (SdkException e) {
                String sequenceNumber = record.getDynamodb().getSequenceNumber();
                LOG.error("Indexing product {} (record {}, sequence {}) failed; the batch is retried from there",
                        productId, record.getEventID(), sequenceNumber, e);
                return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(
                        sequenceNumber == null ? "" : sequenceNumber)));
            } finally {
                MDC.remove("productId");
            }
        }
        LOG.info("Indexed {} products from {} stream records", done.size(), records.size());
        return new StreamsEventResponse(List.of());
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
