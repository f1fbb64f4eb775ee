package dev.storefront.domain;

/** Stable machine codes of every problem the API answers with, and their HTTP status. */
public enum ProblemCode {
    VALIDATION_FAILED(400, "The request is invalid"),
    MALFORMED_JSON(400, "The body is not valid JSON"),
    UNAUTHORIZED(401, "Authentication is required"),
    WEBHOOK_SIGNATURE_INVALID(401, "The webhook signature is missing, wrong or too old"),
    PAYMENT_DECLINED(402, "The payment was declined"),
    FORBIDDEN(403, "Not allowed"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    CONFLICT(409, "Conflict"),
    SKU_CONFLICT(409, "The SKU belongs to another product"),
    CART_CLOSED(409, "The cart is no longer open"),
    OUT_OF_STOCK(409, "Not enough stock"),
    IDEMPOTENCY_IN_FLIGHT(409, "A request with this Idempotency-Key is in progress"),
    ORDER_NOT_CANCELLABLE(409, "The order can no longer be cancelled"),
    ORDER_NOT_RETURNABLE(409, "The order cannot be returned"),
    VERSION_CONFLICT(412, "The resource changed since you read it"),
    PAYLOAD_TOO_LARGE(413, "The body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Send application/json"),
    UNPROCESSABLE(422, "The request cannot be processed"),
    SKU_UNAVAILABLE(422, "The SKU is not sold"),
    CURRENCY_MISMATCH(422, "The currencies do not match"),
    CART_LIMIT_EXCEEDED(422, "The cart is at its limit"),
    DISCOUNT_INVALID(422, "The discount code cannot be used"),
    IDEMPOTENCY_KEY_REUSED(422, "The Idempotency-Key was used for another request"),
    CART_EMPTY(422, "The cart is empty"),
    RETURN_WINDOW_CLOSED(422, "The return window has closed"),
    RETURN_QUANTITY_EXCEEDED(422, "More units than can be returned"),
    SKU_NOT_IN_ORDER(422, "The SKU is not in the order"),
    REFUND_EXCEEDS_CAPTURED(422, "The refund exceeds what is left of the captured amount"),
    SHIPPING_UNAVAILABLE(422, "We do not ship there"),
    SHIPPING_METHOD_INVALID(422, "The shipping method cannot serve this order"),
    TOO_MANY_ATTEMPTS(429, "Too many failed attempts; wait before trying again"),
    INTERNAL_ERROR(500, "Something went wrong on our side"),
    PAYMENT_UNAVAILABLE(503, "The payment processor is unavailable"),
    SERVICE_BUSY(503, "The shop is busy; retry shortly");

    private final int status;
    private final String title;

    ProblemCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** A stable URI reference for the problem type, relative to the API docs. */
    public String type() {
        return "https://storefront.dev/problems/" + name().toLowerCase().replace('_', '-');
    }
}
