package dev.storefront.samlocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class IntrinsicResolverTest {

    private static final String QUEUE_URL = "http://127.0.0.1:1234/000000000000/test-orders.fifo";

    private final SamTemplate template = Fixtures.fixture();
    private final IntrinsicResolver resolver = IntrinsicResolver.forTemplate(template, "eu-west-1")
            .withPhysicalIds(Map.of("OrdersTable", "orders", "OrdersQueue", QUEUE_URL))
            .withAttributes(Map.of("OrdersTable.StreamArn", "arn:stream"));

    private Object env(String name) {
        return template.function("OrdersFunction").environment().get(name);
    }

    @Test
    void refsParametersPseudoParametersAndResources() {
        assertThat(resolver.ref("Stage")).isEqualTo("test");
        assertThat(resolver.withParameterOverrides(Map.of("Stage", "prod")).ref("Stage")).isEqualTo("prod");
        assertThat(resolver.resolve(Map.of("Ref", "FunctionTimeout"))).isEqualTo(15);
        assertThat(resolver.resolve(Map.of("Ref", "Origins"))).isEqualTo(List.of("https://a.example", "https://b.example"));
        assertThat(resolver.ref("AWS::Region")).isEqualTo("eu-west-1");
        assertThat(resolver.ref("AWS::AccountId")).isEqualTo("000000000000");
        assertThat(resolver.ref("AWS::StackName")).isEqualTo(IntrinsicResolver.DEFAULT_STACK_NAME);
        assertThat(resolver.withStackName("shop").ref("AWS::StackName")).isEqualTo("shop");
        assertThat(resolver.ref("AWS::Partition")).isEqualTo("aws");
        assertThat(resolver.ref("AWS::URLSuffix")).isEqualTo("amazonaws.com");
        assertThat(resolver.resolveString(env("TABLE"))).isEqualTo("orders");
        assertThat(resolver.resolveString(env("QUEUE_URL"))).isEqualTo(QUEUE_URL);
    }

    @Test
    void getAttsBuildWellFormedArns() {
        assertThat(resolver.resolveString(env("TABLE_ARN"))).isEqualTo("arn:aws:dynamodb:eu-west-1:000000000000:table/orders");
        assertThat(resolver.resolveString(env("QUEUE_ARN"))).isEqualTo("arn:aws:sqs:eu-west-1:000000000000:test-orders.fifo");
        assertThat(resolver.getAtt("OrdersQueue", "QueueUrl")).isEqualTo(QUEUE_URL);
        assertThat(resolver.getAtt("OrdersQueue", "QueueName")).isEqualTo("test-orders.fifo");
        assertThat(resolver.resolveString(env("STREAM_ARN"))).isEqualTo("arn:stream");
        assertThat(resolver.resolveString(Map.of("Fn::GetAtt", "OrdersTable.Arn"))).endsWith(":table/orders");
    }

    @Test
    void substitutesJoinsSelectsAndMaps() {
        assertThat(resolver.resolveString(env("SUBBED")))
                .isEqualTo("storefront-local/test/test-orders.fifo/${Literal}");
        assertThat(resolver.resolveString(env("VAR_SUB"))).isEqualTo("test-x");
        assertThat(resolver.resolveString(env("JOINED"))).isEqualTo("test/y");
        assertThat(resolver.resolveString(env("MEMORY"))).isEqualTo("512");
        assertThat(resolver.resolveString(env("COUNT"))).isEqualTo("3");
        assertThat(resolver.resolveString(env("FLAG"))).isEqualTo("true");
        assertThat(resolver.resolveString(Map.of("Fn::Base64", "hi"))).isEqualTo("aGk=");
    }

    @Test
    void evaluatesConditionsAndDropsNoValue() {
        assertThat(resolver.resolveString(env("CHOSEN"))).isEqualTo("not-prod");
        assertThat(resolver.resolve(env("PROD_ONLY"))).isNull();
        assertThat(resolver.withParameterOverrides(Map.of("Stage", "prod")).resolveString(env("PROD_ONLY"))).isEqualTo("prod-only");
        assertThat(resolver.resolve(Map.of("A", env("PROD_ONLY"), "B", "kept"))).isEqualTo(Map.of("B", "kept"));
        assertThat(resolver.resolve(List.of(env("PROD_ONLY"), "kept"))).isEqualTo(List.of("kept"));
    }

    @Test
    void leavesPlainValuesAlone() {
        Map<String, Object> plain = Map.of("a", List.of(1, "two", Map.of("b", true)));

        assertThat(resolver.resolve(plain)).isEqualTo(plain);
    }

    @Test
    void namesWhatItCannotResolve() {
        assertThatThrownBy(() -> resolver.ref("Unknown"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown");
        assertThatThrownBy(() -> resolver.ref("Required"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Required").hasMessageContaining("no Default");
        assertThatThrownBy(() -> resolver.ref("PlainQueue"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PlainQueue");
        assertThatThrownBy(() -> resolver.resolve(Map.of("Fn::ImportValue", "shared-vpc")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Fn::ImportValue");
        assertThatThrownBy(() -> IntrinsicResolver.forTemplate(template, "us-east-1")
                .withPhysicalIds(Map.of("OrdersTable", "orders")).getAtt("OrdersTable", "StreamArn"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OrdersTable.StreamArn");
        assertThatThrownBy(() -> resolver.resolveString(Map.of("Fn::Sub", "${Nope.Arn}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Nope.Arn");
    }
}
