package dev.storefront.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/** Turns a problem body into the HTTP response every function answers with. */
public final class ProblemResponses {

    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");

    private ProblemResponses() {
    }

    public static MutableHttpResponse<ProblemBody> of(ProblemBody body) {
        return HttpResponse.<ProblemBody>status(HttpStatus.valueOf(body.status()))
                .contentType(PROBLEM_JSON)
                .body(body);
    }
}
