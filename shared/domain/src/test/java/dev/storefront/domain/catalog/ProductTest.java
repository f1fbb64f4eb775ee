package dev.storefront.domain.catalog;

import dev.storefront.domain.Money;
import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductTest {

    private static Variant variant(String sku, long amount, String currency) {
        return new Variant(sku, Map.of("size", "M"), new Money(amount, currency));
    }

    @Test
    void a_valid_product_keeps_its_variants_in_order() {
        Product product = new Product("trail-shoe", "Trail shoe", null, "shoes",
                List.of(variant("TS-42", 8900, "EUR"), variant("TS-43", 8900, "EUR")));

        assertThat(product.skus()).containsExactly("TS-42", "TS-43");
        assertThat(product.description()).isEmpty();
    }

    @Test
    void duplicate_skus_are_refused_naming_the_sku() {
        assertThatThrownBy(() -> new Product("p", "P", "", "shoes",
                List.of(variant("A-1", 100, "EUR"), variant("A-1", 100, "EUR"))))
                .isInstanceOf(Problem.class)
                .hasMessageContaining("A-1");
    }

    @Test
    void variants_in_two_currencies_are_refused() {
        assertThatThrownBy(() -> new Product("p", "P", "", "shoes",
                List.of(variant("A-1", 100, "EUR"), variant("A-2", 100, "USD"))))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.field()).isEqualTo("variants"));
    }

    @Test
    void ids_with_path_or_key_syntax_are_refused() {
        for (String id : List.of("", "../etc", "category#x", "UPPER", "a b", "x".repeat(65))) {
            assertThatThrownBy(() -> new Product(id, "P", "", "shoes", List.of(variant("A-1", 1, "EUR"))))
                    .as(id)
                    .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.code()).isEqualTo(ProblemCode.VALIDATION_FAILED));
        }
    }

    @Test
    void category_names_come_from_slugs() {
        assertThat(Category.of("running-shoes").name()).isEqualTo("Running shoes");
    }
}
