package dev.storefront.http;

import dev.storefront.domain.Problem;
import dev.storefront.domain.TooManyAttempts;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Every {@link Problem} thrown by a route becomes problem+json with its status and code. */
@Produces
@Singleton
@Requires(classes = {Problem.class, ExceptionHandler.class})
public class ProblemExceptionHandler implements ExceptionHandler<Problem, HttpResponse<ProblemBody>> {

    @Override
    public HttpResponse<ProblemBody> handle(HttpRequest request, Problem problem) {
        MutableHttpResponse<ProblemBody> response = ProblemResponses.of(ProblemBody.of(problem));
        return problem instanceof TooManyAttempts tooMany
                ? response.header(HttpHeaders.RETRY_AFTER, Long.toString(tooMany.retryAfterSeconds())) : response;
    }
}
