package dev.storefront.domain.insights;

import dev.storefront.domain.Problem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** X-Channel and X-Campaign as insights keeps them, and a campaign's return on spend. */
class TrafficSourceTest {

    @Test
    void a_channel_is_one_of_the_list_web_without_a_header_and_other_for_anything_else() {
        assertThat(TrafficSource.channel(null)).isEqualTo("web");
        assertThat(TrafficSource.channel(" Mobile ")).isEqualTo("mobile");
        assertThat(TrafficSource.channel("email")).isEqualTo("email");
        assertThat(TrafficSource.channel("fax")).isEqualTo("other");
    }

    @Test
    void a_campaign_is_the_third_part_of_source_medium_campaign_or_a_bare_id_lower_cased() {
        assertThat(TrafficSource.campaign(null)).isNull();
        assertThat(TrafficSource.campaign("google/cpc/Spring-Sale")).isEqualTo("spring-sale");
        assertThat(TrafficSource.campaign("spring-sale")).isEqualTo("spring-sale");
        assertThat(TrafficSource.campaign("google/cpc")).isEqualTo("other");
        assertThat(TrafficSource.campaign("google/cpc/spring sale")).isEqualTo("other");
        assertThat(TrafficSource.campaign("google/cpc/none")).as("reserved group name").isEqualTo("other");
    }

    @Test
    void a_campaign_header_with_control_characters_is_other_and_one_over_200_characters_is_read_truncated() {
        assertThat(TrafficSource.campaign("google/cpc/spring\nsale")).isEqualTo("other");
        assertThat(TrafficSource.campaign("g/c/x\u007f")).isEqualTo("other");
        String longSource = "s".repeat(150);
        assertThat(TrafficSource.campaign(longSource + "/cpc/summer" + "x".repeat(100)))
                .as("the id is cut at character 200").isEqualTo("summer" + "x".repeat(39));
        assertThat(TrafficSource.campaign("x".repeat(500))).as("200 characters are not an id of at most 64").isEqualTo("other");
    }

    @Test
    void group_by_is_channel_or_campaign_anything_else_is_a_400_naming_it() {
        assertThat(GroupBy.parse(null)).isNull();
        assertThat(GroupBy.parse("campaign")).isEqualTo(GroupBy.CAMPAIGN);
        assertThatThrownBy(() -> GroupBy.parse("country")).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.getMessage()).contains("groupBy"));
    }

    @Test
    void roas_is_revenue_over_spend_and_cost_per_order_spend_over_orders_per_currency() {
        CampaignReturn r = CampaignReturn.of(Map.of("EUR", 3000L, "USD", 500L, "GBP", 0L),
                Map.of("EUR", 10000L), Map.of("EUR", 3L));
        assertThat(r.roas()).containsExactlyInAnyOrderEntriesOf(Map.of("EUR", new BigDecimal("3.3333"), "USD", new BigDecimal("0.0000")));
        assertThat(r.costPerOrder()).containsExactlyEntriesOf(Map.of("EUR", 1000L));
        assertThat(r.spend()).containsEntry("GBP", 0L);
    }
}
