package dev.storefront.eventcontract;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * SnapStart priming of the event contract in the functions that validate what they receive (the
 * queue consumers): before the snapshot, a bare message of each of a few types goes through
 * {@link EventContract#errors}, so the validator is loaded and those schemas (and the envelope
 * they refer to) are compiled in the snapshot, not on the first message after a restore. The
 * messages carry a type and nothing else: their errors are the point; nothing is stored or sent.
 * Only where the validator is on the class path (the funnel senders carry the envelope without it).
 */
@Context
@Requires(classes = com.networknt.schema.Schema.class)
class ContractPriming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(ContractPriming.class);
    /** One of each family the consumers receive: order events, partner updates, funnel events. */
    static final List<String> TYPES = List.of("order.placed", "fulfilment.accepted", "product.viewed");

    ContractPriming() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        LOG.info("SnapStart priming of the event contract: {} schemas compiled", prime());
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: compiled schemas hold no connection or clock.
    }

    /** How many of {@link #TYPES} had a schema to compile (a bare message always has errors). */
    int prime() {
        int compiled = 0;
        for (String type : TYPES) {
            List<String> errors = EventContract.packaged().errors("{\"type\":\"" + type + "\"}");
            if (errors.stream().noneMatch(e -> e.startsWith("no schema for type"))) {
                compiled++;
            }
        }
        return compiled;
    }
}
