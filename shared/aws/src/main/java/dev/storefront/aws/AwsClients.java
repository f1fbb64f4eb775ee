package dev.storefront.aws;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.util.List;
import java.time.Duration;

/**
 * The SDK clients every function shares: one per application context, never static, all on the
 * URL-connection HTTP client (the Apache and Netty clients double a Java Lambda's cold start).
 */
@Factory
public class AwsClients {

    private final String region;
    private final String dynamodbEndpoint;
    private final String sqsEndpoint;
    /** STOREFRONT_AWS_MAX_ATTEMPTS: 0 keeps the SDK's own retry policy (fault tests set a small number). */
    private final int maxAttempts;

    /**
     * On Lambda only AWS_REGION is set (read as {@code aws.region}); the local runtime and tests
     * also set STOREFRONT_AWS_ENDPOINTS_* to DynamoDB Local and ElasticMQ. The property names
     * avoid hyphens so an environment variable maps to exactly one of them.
     */
    AwsClients(@Nullable @Value("${aws.region:}") String region,
               @Nullable @Value("${storefront.aws.endpoints.dynamodb:}") String dynamodbEndpoint,
               @Nullable @Value("${storefront.aws.endpoints.sqs:}") String sqsEndpoint,
               @Value("${storefront.aws.max.attempts:0}") int maxAttempts) {
        this.region = region;
        this.dynamodbEndpoint = dynamodbEndpoint;
        this.sqsEndpoint = sqsEndpoint;
        this.maxAttempts = maxAttempts;
    }

    @Singleton
    SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Interceptors are for measurement in tests (round trips, consumed capacity); production has none. */
    @Singleton
    DynamoDbClient dynamoDb(SdkHttpClient http, List<ExecutionInterceptor> interceptors) {
        return configure(DynamoDbClient.builder(), http, dynamodbEndpoint)
                .overrideConfiguration(c -> {
                    interceptors.forEach(c::addExecutionInterceptor);
                    retries(c);
                })
                .region(region())
                .build();
    }

    @Singleton
    SqsClient sqs(SdkHttpClient http) {
        return configure(SqsClient.builder(), http, sqsEndpoint)
                .overrideConfiguration(this::retries)
                .region(region())
                .build();
    }

    private <B extends SdkSyncClientBuilder<B, ?> & SdkClientBuilder<B, ?>> B configure(
            B builder, SdkHttpClient http, String endpoint) {
        builder.httpClient(http);
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder;
    }

    /** One override configuration per client (a second call would replace the first). */
    private void retries(ClientOverrideConfiguration.Builder override) {
        if (maxAttempts > 0) {
            override.retryStrategy(r -> r.maxAttempts(maxAttempts));
        }
    }

    /** Always explicit: an SDK left to find its region probes the network on a cold start. */
    Region region() {
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("No AWS region: set AWS_REGION");
        }
        return Region.of(region);
    }
}
