package dev.storefront.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.storefront.domain.Caller;
import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventServletRequest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;

/**
 * Lets a route take a {@link Caller} argument, the one place a request becomes an identity. On
 * routes with the JWT authorizer, the claims API Gateway verified (payload 2.0 request context).
 * On routes without it, a bearer token the function verifies itself ({@link TokenVerifier}); no
 * token is an anonymous shopper, a bad token a 401 (never silently anonymous).
 */
@Singleton
public class CallerBinder implements TypedRequestArgumentBinder<Caller> {

    private static final Argument<Caller> TYPE = Argument.of(Caller.class);

    private final TokenVerifier tokens;

    CallerBinder(TokenVerifier tokens) {
        this.tokens = tokens;
    }

    @Override
    public Argument<Caller> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        if (!(source instanceof APIGatewayV2HTTPEventServletRequest<?> request)) {
            return () -> Optional.of(Caller.ANONYMOUS);
        }
        Map<String, String> verified = claims(request.getNativeRequest());
        if (!verified.isEmpty()) {
            return () -> Optional.of(Caller.fromClaims(verified));
        }
        String authorization = source.getHeaders().get("authorization");
        if (authorization == null || authorization.isBlank()) {
            return () -> Optional.of(Caller.ANONYMOUS);
        }
        Caller caller = Caller.fromClaims(tokens.verify(authorization)
                .orElseThrow(() -> new Problem(ProblemCode.UNAUTHORIZED, "the bearer token is invalid or expired; sign in again or send none")));
        return () -> Optional.of(caller);
    }

    /** The caller API Gateway's JWT authorizer verified for this request, if the route has one. */
    public static Optional<Caller> verified(HttpRequest<?> request) {
        if (request instanceof APIGatewayV2HTTPEventServletRequest<?> lambda) {
            Map<String, String> verified = claims(lambda.getNativeRequest());
            return verified.isEmpty() ? Optional.empty() : Optional.of(Caller.fromClaims(verified));
        }
        return Optional.empty();
    }

    private static Map<String, String> claims(APIGatewayV2HTTPEvent event) {
        if (event.getRequestContext() == null
                || event.getRequestContext().getAuthorizer() == null
                || event.getRequestContext().getAuthorizer().getJwt() == null
                || event.getRequestContext().getAuthorizer().getJwt().getClaims() == null) {
            return Map.of();
        }
        return event.getRequestContext().getAuthorizer().getJwt().getClaims();
    }
}
