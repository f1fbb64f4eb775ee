package dev.storefront.domain.customer;

import dev.storefront.domain.Problem;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentRuleTest {

    static final SegmentRule CAMPUS = new SegmentRule(".edu", null, null);
    static final SegmentRule LOYAL = new SegmentRule(null, 3, null);
    static final SegmentRule NEW = new SegmentRule(null, null, 1);

    @Test
    void an_edu_email_then_campus_matches_whatever_the_case_and_subdomain() {
        assertThat(CAMPUS.matches(new CustomerFacts("ada@cs.MIT.EDU", 1))).isTrue();
        assertThat(CAMPUS.matches(new CustomerFacts("ada@example.com", 1))).isFalse();
        assertThat(CAMPUS.matches(new CustomerFacts("edu@example.com", 1))).as("the local part does not count").isFalse();
        assertThat(CAMPUS.matches(new CustomerFacts(null, 1))).isFalse();
    }

    @Test
    void order_counts_then_new_is_the_first_order_and_loyal_from_the_third() {
        Map<String, SegmentRule> rules = Map.of("campus", CAMPUS, "loyal", LOYAL, "new", NEW);

        assertThat(SegmentRule.matching(rules, new CustomerFacts("a@uni.edu", 1))).containsExactly("campus", "new");
        assertThat(SegmentRule.matching(rules, new CustomerFacts("a@example.com", 2))).isEmpty();
        assertThat(SegmentRule.matching(rules, new CustomerFacts("a@example.com", 3))).containsExactly("loyal");
    }

    @Test
    void several_conditions_then_all_must_hold() {
        SegmentRule loyalStudents = new SegmentRule(".edu", 2, 5);

        assertThat(loyalStudents.matches(new CustomerFacts("a@uni.edu", 1))).isFalse();
        assertThat(loyalStudents.matches(new CustomerFacts("a@uni.edu", 2))).isTrue();
        assertThat(loyalStudents.matches(new CustomerFacts("a@uni.edu", 6))).isFalse();
        assertThat(loyalStudents.matches(new CustomerFacts("a@example.com", 3))).isFalse();
    }

    @Test
    void a_rule_that_could_never_be_meant_then_it_is_refused_naming_the_field() {
        assertThatThrownBy(() -> new SegmentRule(null, null, null)).isInstanceOf(Problem.class)
                .satisfies(e -> assertThat(((Problem) e).field()).isEqualTo("rule"));
        assertThatThrownBy(() -> new SegmentRule(null, 5, 2)).isInstanceOf(Problem.class)
                .satisfies(e -> assertThat(((Problem) e).field()).isEqualTo("maxOrders"));
        assertThatThrownBy(() -> new SegmentRule(null, -1, null)).isInstanceOf(Problem.class)
                .satisfies(e -> assertThat(((Problem) e).field()).isEqualTo("minOrders"));
        assertThatThrownBy(() -> new SegmentRule("<script>", null, null)).isInstanceOf(Problem.class)
                .satisfies(e -> assertThat(((Problem) e).field()).isEqualTo("emailDomainEndsWith"));
        assertThatThrownBy(() -> new SegmentRule("...", null, null)).isInstanceOf(Problem.class);
    }

    @Test
    void segment_names_are_lower_case_slugs() {
        assertThat(SegmentRule.isName("campus")).isTrue();
        assertThat(SegmentRule.isName("vip_2025")).isTrue();
        assertThat(SegmentRule.isName("Campus")).isFalse();
        assertThat(SegmentRule.isName("")).isFalse();
        assertThat(SegmentRule.isName("a".repeat(33))).isFalse();
        assertThat(SegmentRule.isName("../x")).isFalse();
    }

    @Test
    void a_change_joins_what_now_matches_and_leaves_what_no_longer_does() {
        SegmentChange change = SegmentChange.between(Set.of("new", "campus"), Set.of("campus", "loyal"));

        assertThat(change.joined()).containsExactly("loyal");
        assertThat(change.left()).containsExactly("new");
        assertThat(SegmentChange.between(Set.of("a"), Set.of("a")).isEmpty()).isTrue();
    }
}
