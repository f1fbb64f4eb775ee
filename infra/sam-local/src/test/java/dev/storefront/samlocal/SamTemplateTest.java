package dev.storefront.samlocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTemplateTest {

    private final SamTemplate template = Fixtures.fixture();

    @Test
    void shortFormTagsBecomeLongFormMaps() {
        Map<String, Object> env = template.function("OrdersFunction").environment();

        assertThat(env.get("TABLE")).isEqualTo(Map.of("Ref", "OrdersTable"));
        assertThat(env.get("TABLE_ARN")).isEqualTo(Map.of("Fn::GetAtt", List.of("OrdersTable", "Arn")));
        assertThat(env.get("STREAM_ARN")).isEqualTo(Map.of("Fn::GetAtt", List.of("OrdersTable", "StreamArn")));
        assertThat(env.get("SUBBED")).isEqualTo(
                Map.of("Fn::Sub", "${AWS::StackName}/${Stage}/${OrdersQueue.QueueName}/${!Literal}"));
        assertThat(env.get("VAR_SUB")).isEqualTo(
                Map.of("Fn::Sub", List.of("${Name}-x", Map.of("Name", Map.of("Ref", "Stage")))));
        assertThat(env.get("JOINED")).isEqualTo(Map.of("Fn::Join", List.of("/", List.of(
                Map.of("Ref", "Stage"),
                Map.of("Fn::Select", List.of(1, Map.of("Fn::Split", List.of(",", "x,y,z")))))))); 
        assertThat(env.get("MEMORY")).isEqualTo(Map.of("Fn::FindInMap", List.of("Sizes", Map.of("Ref", "Stage"), "Memory")));
        assertThat(template.conditions().get("NotProd")).isEqualTo(Map.of("Fn::Not", List.of(Map.of("Condition", "IsProd"))));
        assertThat(template.conditions().get("IsProd")).isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "Stage"), "prod")));
    }

    @Test
    void keepsUnquotedDatesAsStrings() {
        assertThat(template.raw().get("AWSTemplateFormatVersion")).isEqualTo("2010-09-09");
    }

    @Test
    void listsResourcesInTemplateOrder() {
        assertThat(template.resources().keySet()).containsExactly("Api", "OrdersFunction", "PlainFunction", "OrdersTable",
                "OrdersQueue", "OrdersDlq", "PlainQueue", "PlainDlq", "NotCreatedLocally", "OrdersFunctionLogs");
        assertThat(template.resourcesOfType(SamTemplate.QUEUE).keySet())
                .containsExactly("OrdersQueue", "OrdersDlq", "PlainQueue", "PlainDlq");
        assertThat(template.resourceType("OrdersTable")).isEqualTo(SamTemplate.TABLE);
        assertThat(template.resourceType("Nope")).isNull();
        assertThat(template.parameters()).containsOnlyKeys("Stage", "FunctionTimeout", "Origins", "Required");
        assertThat(template.root()).isEqualTo(Fixtures.template("fixture.yaml").getParent());
    }

    @Test
    void mergesGlobalsIntoFunctions() {
        SamFunction orders = template.function("OrdersFunction");

        assertThat(orders.environment()).contains(
                entry("STAGE", Map.of("Ref", "Stage")),
                entry("SHARED", "from-globals"),
                entry("OVERRIDDEN", "from-function"),
                entry("COUNT", 3));
        assertThat(orders.properties().get("Layers")).isEqualTo(List.of("global-layer", "own-layer"));
        assertThat(orders.timeoutSeconds()).as("!Ref to a Number parameter's Default").isEqualTo(15);
        assertThat(orders.handler()).isEqualTo("example.OrdersHandler::handleRequest");
        assertThat(orders.codeUri()).isEqualTo(template.root().getParent().resolve("functions/orders/target/orders.jar"));

        SamFunction plain = template.function("PlainFunction");
        assertThat(plain.environment()).containsOnlyKeys("STAGE", "SHARED", "OVERRIDDEN");
        assertThat(plain.timeoutSeconds()).isEqualTo(5);
        assertThat(plain.codeUri()).as("S3 location").isNull();
        assertThat(plain.httpRoutes()).isEmpty();
    }

    @Test
    void readsHttpRoutesWithTheirAuthorizers() {
        assertThat(template.function("OrdersFunction").httpRoutes()).containsExactly(
                new HttpRoute("GetOrder", "GET", "/orders/{orderId}", "Jwt"),
                new HttpRoute("Health", "GET", "/health", null),
                new HttpRoute("Admin", "PUT", "/admin", "AdminJwt"),
                new HttpRoute("CatchAll", "ANY", "$default", "GlobalJwt"));
    }

    @Test
    void readsOtherEventsAsEventSources() {
        List<EventSource> sources = template.function("OrdersFunction").eventSources();

        assertThat(sources).extracting(EventSource::eventName, EventSource::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Updates", "SQS"),
                org.assertj.core.groups.Tuple.tuple("Changes", "DynamoDB"),
                org.assertj.core.groups.Tuple.tuple("Nightly", "Schedule"));
        assertThat(sources.get(0).properties()).containsEntry("BatchSize", 10)
                .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"));
    }

    @Test
    void isDeeplyUnmodifiable() {
        Map<String, Object> properties = template.properties("OrdersTable");

        assertThatThrownBy(() -> properties.put("TableName", "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) properties.get("KeySchema")).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void namesAMissingFunction() {
        assertThatThrownBy(() -> template.function("Nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Nope").hasMessageContaining("OrdersFunction");
    }

    @Test
    void rejectsDuplicateKeysAndUnknownTags(@TempDir Path dir) throws IOException {
        Path duplicate = Files.writeString(dir.resolve("duplicate.yaml"), "Resources:\n  A: {Type: X}\n  A: {Type: Y}\n");
        Path unknownTag = Files.writeString(dir.resolve("tag.yaml"), "Resources:\n  A: {Type: !Nope X}\n");

        assertThatThrownBy(() -> SamTemplate.load(duplicate))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate.yaml").hasMessageContaining("A");
        assertThatThrownBy(() -> SamTemplate.load(unknownTag))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("!Nope");
    }

    @Test
    void findsTheRepositoryRoot() {
        Path root = SamTemplate.findRepoRoot();

        assertThat(root.resolve("template.yaml")).isRegularFile();
        assertThat(root.resolve("infra/sam-local/pom.xml")).isRegularFile();
    }

    @Test
    void failsClearlyOutsideARepository(@TempDir Path dir) {
        String before = System.getProperty("user.dir");
        System.setProperty("user.dir", dir.toString());
        try {
            assertThatThrownBy(SamTemplate::findRepoRoot)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("template.yaml");
        } finally {
            System.setProperty("user.dir", before);
        }
    }
}
