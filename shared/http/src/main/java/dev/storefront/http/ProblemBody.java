package dev.storefront.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The RFC 9457 body, plus the stable machine `code` and the offending `field` when known. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemBody(String type, String title, int status, String detail, String code, @Nullable String field) {

    public static ProblemBody of(Problem problem) {
        ProblemCode code = problem.code();
        return new ProblemBody(code.type(), code.title(), code.status(), problem.detail(), code.name(), problem.field());
    }

    public static ProblemBody of(ProblemCode code, String detail) {
        return new ProblemBody(code.type(), code.title(), code.status(), detail, code.name(), null);
    }
}
