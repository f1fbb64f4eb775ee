package dev.storefront.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerTest {

    @Test
    void groups_arrive_flattened_the_way_api_gateway_passes_array_claims() {
        Caller caller = Caller.fromClaims(Map.of("sub", "alice", "cognito:groups", "[admin editors]"));

        assertThat(caller.groups()).containsExactlyInAnyOrder("admin", "editors");
        assertThat(caller.isAdmin()).isTrue();
    }

    @Test
    void groups_are_read_exactly_so_a_name_merely_containing_admin_grants_nothing() {
        // The flattened claims of ["support,admin"], ["\"admin\""], ["admin,"], ["Admin"], and forms API Gateway never sends.
        for (String claim : new String[] {"[support,admin]", "[\"admin\"]", "[admin,]", "[Admin]", "admin", "admin support",
                "[admin  support]", "[ admin]", "[]", "[", "\"[admin]\"", "[admin\tsupport]"}) {
            assertThat(Caller.fromClaims(Map.of("sub", "eve", "cognito:groups", claim)).isAdmin()).as(claim).isFalse();
        }
        assertThat(Caller.fromClaims(Map.of("sub", "eve", "cognito:groups", "[support,admin]")).groups()).containsExactly("support,admin");
        assertThat(Caller.fromClaims(Map.of("sub", "ops", "cognito:groups", "[support admin]")).isAdmin()).isTrue();
    }

    @Test
    void no_subject_means_anonymous_whatever_else_the_claims_say() {
        assertThat(Caller.fromClaims(Map.of("cognito:groups", "[admin]")).isAdmin()).isFalse();
        assertThat(Caller.fromClaims(null).isAnonymous()).isTrue();
    }

    @Test
    void admin_only_operations_answer_401_to_anonymous_and_403_to_customers() {
        assertThatThrownBy(Caller.ANONYMOUS::requireAdmin)
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.code()).isEqualTo(ProblemCode.UNAUTHORIZED));
        assertThatThrownBy(() -> Caller.fromClaims(Map.of("sub", "bob")).requireAdmin())
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.code()).isEqualTo(ProblemCode.FORBIDDEN));
    }
}
