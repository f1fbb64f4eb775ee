package dev.storefront.eventcontract;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The priming finds and compiles every packaged schema it names (a type renamed in docs/events fails here). */
class ContractPrimingTest {

    @Test
    void priming_compiles_a_packaged_schema_of_each_family_the_consumers_receive() {
        assertThat(new ContractPriming().prime()).isEqualTo(ContractPriming.TYPES.size());
    }
}
