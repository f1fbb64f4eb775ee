package dev.storefront.http;

import dev.storefront.domain.ProblemCode;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * DynamoDB or SQS throttled, failed or did not answer, after the SDK's own retries: the shopper gets
 * 503 {@code SERVICE_BUSY} with {@code Retry-After}, never a 500. Such a call changed nothing or was
 * conditional and idempotent, so a retry (with the same Idempotency-Key for a checkout) is safe. Any
 * other SDK exception (a request the service refused as invalid) is a bug and stays a 500.
 */
@Produces
@Singleton
@Requires(classes = {SdkException.class, ExceptionHandler.class})
public class ServiceBusyHandler implements ExceptionHandler<SdkException, HttpResponse<?>> {

    /** Seconds a client should wait: throttling on DynamoDB clears in about a second. */
    static final int RETRY_AFTER_SECONDS = 1;
    private static final Logger LOG = LoggerFactory.getLogger(ServiceBusyHandler.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, SdkException exception) {
        if (!busy(exception)) {
            LOG.error("Unexpected AWS error", exception);
            return ProblemResponses.of(ProblemBody.of(ProblemCode.INTERNAL_ERROR, "an unexpected error occurred; it has been logged"));
        }
        LOG.warn("AWS busy or unreachable after retries: {}", exception.getMessage());
        return ProblemResponses.of(ProblemBody.of(ProblemCode.SERVICE_BUSY,
                        "the shop is busy right now; retry in a moment (a checkout with the same Idempotency-Key)"))
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
    }

    static boolean busy(SdkException exception) {
        if (exception instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return exception instanceof SdkClientException;
    }
}
