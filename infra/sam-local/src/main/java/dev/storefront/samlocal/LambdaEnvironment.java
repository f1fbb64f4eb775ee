package dev.storefront.samlocal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a function gets: what Lambda itself sets, then the template's variables, then
 * where the local DynamoDB and SQS are. One JVM cannot give each function its own environment, so
 * the local runtime and handler tests hand it over as Micronaut properties under the names
 * environment variables map to (STOREFRONT_TABLES_PRODUCTS is storefront.tables.products).
 */
public final class LambdaEnvironment {

    private LambdaEnvironment() {
    }

    public static Map<String, String> of(SamFunction function, StackResources resources, URI dynamo, URI sqs, String region) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.putAll(resources.environmentOf(function));
        env.put("STOREFRONT_AWS_ENDPOINTS_DYNAMODB", dynamo.toString());
        env.put("STOREFRONT_AWS_ENDPOINTS_SQS", sqs.toString());
        return env;
    }

    /**
     * Lambda hands every function credentials in its environment; locally all functions share
     * these dummy ones, as system properties the SDK's default chain reads first.
     */
    public static void useLocalCredentials() {
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        System.setProperty("aws.disableEc2Metadata", "true");
    }

    public static Map<String, String> asProperties(Map<String, String> environment) {
        Map<String, String> properties = new LinkedHashMap<>();
        environment.forEach((name, value) -> properties.put(name.toLowerCase().replace('_', '.'), value));
        return properties;
    }
}
