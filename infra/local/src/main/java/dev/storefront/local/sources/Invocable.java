package dev.storefront.local.sources;

import dev.storefront.samlocal.LambdaInvoker;

/** A function as event sources see it: JSON event in, JSON result out, or the handler's failure. */
@FunctionalInterface
public interface Invocable {

    String invoke(String eventJson, String requestId) throws LambdaInvoker.HandlerFailure;
}
