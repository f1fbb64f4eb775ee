package dev.storefront.samlocal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTableTest {

    @Test
    void the_most_specific_route_wins_and_parameters_are_decoded() {
        RouteTable<String> routes = new RouteTable<>();
        routes.add(new HttpRoute("proxy", "ANY", "/{proxy+}", null), "proxy");
        routes.add(new HttpRoute("one", "GET", "/products/{productId}", null), "one");
        routes.add(new HttpRoute("all", "GET", "/products", null), "all");
        routes.add(new HttpRoute("special", "GET", "/products/featured", null), "special");

        assertThat(routes.match("GET", "/products").orElseThrow().target()).isEqualTo("all");
        assertThat(routes.match("GET", "/products/featured").orElseThrow().target()).isEqualTo("special");
        RouteTable.Match<String> one = routes.match("GET", "/products/a%20b").orElseThrow();
        assertThat(one.target()).isEqualTo("one");
        assertThat(one.pathParameters()).containsEntry("productId", "a b");
        assertThat(routes.match("POST", "/products").orElseThrow().target()).isEqualTo("proxy");
    }

    @Test
    void no_route_means_no_match() {
        RouteTable<String> routes = new RouteTable<>();
        routes.add(new HttpRoute("one", "GET", "/products/{productId}", null), "one");

        assertThat(routes.match("GET", "/products/a/b")).isEmpty();
        assertThat(routes.match("PUT", "/products/a")).isEmpty();
    }

    @Test
    void a_parameter_that_does_not_decode_is_refused_not_guessed() {
        RouteTable<String> routes = new RouteTable<>();
        routes.add(new HttpRoute("one", "GET", "/products/{productId}", null), "one");

        assertThatThrownBy(() -> routes.match("GET", "/products/%u0041")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> routes.match("GET", "/products/%C3%28")).isInstanceOf(IllegalArgumentException.class);
    }
}
