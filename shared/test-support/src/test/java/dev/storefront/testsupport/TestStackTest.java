package dev.storefront.testsupport;

import dev.storefront.samlocal.SamTemplate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestStackTest {

    @Test
    void isOneRunningStackPerJvmBuiltFromTheRepositoryTemplate() {
        TestStack stack = TestStack.shared();

        assertThat(TestStack.shared()).isSameAs(stack);
        assertThat(stack.template().root()).isEqualTo(SamTemplate.findRepoRoot());
        assertThat(stack.emulators().dynamo().listTables().tableNames())
                .contains(stack.resources().tableName("ProductsTable"), stack.resources().tableName("InventoryTable"));
    }

    @Test
    void givesFunctionsTheirResolvedEnvironment() {
        TestStack stack = TestStack.shared();

        assertThat(stack.resources().environmentOf(stack.template().function("CatalogFunction")))
                .containsEntry("STOREFRONT_STAGE", "dev")
                .containsEntry("STOREFRONT_TABLES_PRODUCTS", stack.resources().tableName("ProductsTable"))
                .containsEntry("STOREFRONT_TABLES_INVENTORY", stack.resources().tableName("InventoryTable"));
    }
}
