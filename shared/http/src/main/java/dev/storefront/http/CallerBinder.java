package dev.storefront.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.storefront.domain.Caller;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventServletRequest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;

/**
 * Lets a route take a {@link Caller} argument: the claims API Gateway's JWT authorizer verified,
 * from the payload 2.0 request context. The Authorization header itself is never read here: on a
 * route without the authorizer nothing has verified it.
 */
@Singleton
public class CallerBinder implements TypedRequestArgumentBinder<Caller> {

    private static final Argument<Caller> TYPE = Argument.of(Caller.class);

    @Override
    public Argument<Caller> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        Caller caller = source instanceof APIGatewayV2HTTPEventServletRequest<?> request
                ? Caller.fromClaims(claims(request.getNativeRequest()))
                : Caller.ANONYMOUS;
        return () -> Optional.of(caller);
    }

    private static Map<String, String> claims(APIGatewayV2HTTPEvent event) {
        if (event.getRequestContext() == null
                || event.getRequestContext().getAuthorizer() == null
                || event.getRequestContext().getAuthorizer().getJwt() == null) {
            return Map.of();
        }
        return event.getRequestContext().getAuthorizer().getJwt().getClaims();
    }
}
