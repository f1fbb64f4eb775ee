package dev.storefront.samlocal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The repository's own template.yaml loads and says what the catalog functions serve. */
class RepoTemplateTest {

    private final SamTemplate template = Fixtures.repoTemplate();

    @Test
    void listsTheCatalogFunctions() {
        assertThat(template.functions()).extracting(SamFunction::logicalId)
                .contains("CatalogFunction", "CatalogAdminFunction");
        SamFunction catalog = template.function("CatalogFunction");
        assertThat(catalog.handler()).isNotBlank();
        assertThat(catalog.codeUri()).isEqualTo(template.root().resolve("functions/catalog/target/catalog.jar"));
        assertThat(catalog.timeoutSeconds()).isPositive();
        assertThat(catalog.environment()).containsKeys("STOREFRONT_STAGE", "STOREFRONT_TABLES_PRODUCTS");
    }

    @Test
    void publicReadsAreOpenAndAdminWritesNeedTheJwtAuthorizer() {
        assertThat(template.function("CatalogFunction").httpRoutes())
                .contains(new HttpRoute("ListProducts", "GET", "/products", null),
                        new HttpRoute("GetProduct", "GET", "/products/{productId}", null))
                .allSatisfy(route -> assertThat(route.authorizer()).isNull());

        assertThat(template.function("CatalogAdminFunction").httpRoutes())
                .contains(new HttpRoute("PutProduct", "PUT", "/admin/products/{productId}", "CognitoJwt"))
                .allSatisfy(route -> assertThat(route.authorizer()).isEqualTo("CognitoJwt"));
    }

    @Test
    void declaresTheCatalogTables() {
        assertThat(template.resourcesOfType(SamTemplate.TABLE)).containsKeys("ProductsTable", "InventoryTable");
    }
}
