package dev.storefront.http;

import dev.storefront.domain.Problem;
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
        return ProblemResponses.of(ProblemBody.of(problem));
    }
}
