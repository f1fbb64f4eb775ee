package dev.storefront.http;

import dev.storefront.domain.ProblemCode;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Errors the framework answers by itself (no route, wrong method, unreadable body, unexpected
 * failures) in the same problem+json shape. The framework's own messages are not passed on: they
 * can echo client input and, for 500s, internals (Micronaut logs those failures itself).
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorResponses implements ErrorResponseProcessor<ProblemBody> {

    @Override
    public MutableHttpResponse<ProblemBody> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        int status = base.getStatus().getCode();
        ProblemBody body = switch (status) {
            case 400 -> ProblemBody.of(ProblemCode.VALIDATION_FAILED, "the request could not be read; check the body and parameters");
            case 401 -> ProblemBody.of(ProblemCode.UNAUTHORIZED, "a valid bearer token is required");
            case 403 -> ProblemBody.of(ProblemCode.FORBIDDEN, "not allowed");
            case 404 -> ProblemBody.of(ProblemCode.NOT_FOUND, "no such resource");
            case 405 -> ProblemBody.of(ProblemCode.METHOD_NOT_ALLOWED, "this method is not supported on this resource");
            case 406 -> ProblemBody.of(ProblemCode.NOT_ACCEPTABLE, "this resource answers application/json");
            case 413 -> ProblemBody.of(ProblemCode.PAYLOAD_TOO_LARGE, "the body is too large");
            case 415 -> ProblemBody.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
            default -> status >= 500
                    ? ProblemBody.of(ProblemCode.INTERNAL_ERROR, "an unexpected error occurred; it has been logged")
                    : new ProblemBody(ProblemCode.VALIDATION_FAILED.type(), base.getStatus().getReason(), status,
                            "the request was refused", ProblemCode.VALIDATION_FAILED.name(), null);
        };
        return base.contentType(ProblemResponses.PROBLEM_JSON).body(body);
    }
}
