package dev.storefront.domain.order;

import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import dev.storefront.domain.pricing.PriceBreakdown;
import dev.storefront.domain.pricing.Refund;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A return of delivered goods (an RMA): asked for by the buyer, then received by the partner with a
 * condition per unit, then refunded. {@code refundEstimate} is what the lines asked for give back
 * (price less allocated discount, with tax; shipping when they are the order's last units);
 * {@code refundId} names the refund its receipt started.
 *
 * <pre>REQUESTED ─► RECEIVED ─► REFUNDED (the refund went through; a refund that failed leaves it RECEIVED)</pre>
 */
public record Return(String returnId, String rma, Status status, List<Line> lines, List<Line> received, Refund refundEstimate,
                     Instant requestedAt, Instant receivedAt, String receivedEventId, String refundId) {

    public enum Status { REQUESTED, RECEIVED, REFUNDED }

    /** What the partner found a unit to be: RESELLABLE goes back into stock, DAMAGED does not. */
    public enum Condition { RESELLABLE, DAMAGED }

    /** {@code reason} is the buyer's (asked lines), {@code condition} the partner's (received lines). */
    public record Line(String sku, int quantity, String reason, Condition condition) {
    }

    /** Longest reason a buyer may give per line. */
    public static final int MAX_REASON = 200;

    public Return {
        lines = List.copyOf(lines);
        received = received == null ? List.of() : List.copyOf(received);
    }

    /**
     * The return {@code order}'s buyer asks for at {@code now}: a DELIVERED order, within
     * {@code window} of its delivery, only SKUs of the order, at most the units delivered less those
     * already asked back. Its RMA number is the order's id prefix and the return's number on it.
     */
    public static Return request(Order order, String returnId, List<Line> asked, Instant now, Duration window) {
        if (order.status() != OrderStatus.DELIVERED) {
            throw new Problem(ProblemCode.ORDER_NOT_RETURNABLE, "an order that is " + order.status() + " cannot be returned; only delivered orders can");
        }
        Instant delivered = order.reached(OrderStatus.DELIVERED).orElseThrow().at();
        if (now.isAfter(delivered.plus(window))) {
            throw new Problem(ProblemCode.RETURN_WINDOW_CLOSED, "returns are accepted for " + window.toDays()
                    + " days after delivery; this order was delivered on " + delivered.toString().substring(0, 10));
        }
        if (order.pricing() == null) {
            throw new Problem(ProblemCode.UNPROCESSABLE, "this order was placed before returns were priced; contact the shop");
        }
        if (asked.isEmpty()) {
            throw Problem.invalid("lines", "name at least one line to return");
        }
        Set<String> seen = new HashSet<>();
        Refund estimate = Refund.NONE;
        int back = 0;
        for (Line line : asked) {
            if (!seen.add(line.sku())) {
                throw Problem.invalid("lines", "sku " + line.sku() + " is named twice; give each sku once with its quantity");
            }
            Order.Line bought = order.lines().stream().filter(l -> l.sku().equals(line.sku())).findFirst()
                    .orElseThrow(() -> new Problem(ProblemCode.SKU_NOT_IN_ORDER, "sku " + line.sku() + " is not in this order", "lines"));
            int asked_ = order.unitsAskedBack(line.sku());
            if (line.quantity() > bought.quantity() - asked_) {
                throw new Problem(ProblemCode.RETURN_QUANTITY_EXCEEDED, "sku " + line.sku() + ": " + bought.quantity() + " delivered, "
                        + asked_ + " already being returned; at most " + (bought.quantity() - asked_) + " more", "lines");
            }
            estimate = estimate.plus(order.pricing().refundOf(line.sku(), asked_, line.quantity()));
            back += line.quantity();
        }
        if (order.unitsAskedBack() + back == order.units()) {
            estimate = estimate.plus(order.pricing().shippingRefund());
        }
        int number = order.returns().size() + 1;
        String rma = "RMA-" + order.orderId().substring(0, 8).toUpperCase(Locale.ROOT) + "-" + number;
        return new Return(returnId, rma, Status.REQUESTED, asked, List.of(), estimate, now, null, null, null);
    }

    /**
     * What the partner's receipt of this return refunds: each received line as paid (shared per unit
     * after the units refunded before, so the refunds of a line sum to what it was charged), and
     * shipping once every unit of the order has come back. Refused (an {@link IllegalArgumentException})
     * when it names a SKU or more units than the return asked for.
     */
    public Refund refundFor(Order order, List<Line> receivedLines) {
        PriceBreakdown pricing = order.pricing();
        Refund refund = Refund.NONE;
        int back = 0;
        Set<String> seen = new HashSet<>();
        for (Line line : receivedLines) {
            int asked = lines.stream().filter(l -> l.sku().equals(line.sku())).mapToInt(Line::quantity).sum();
            if (!seen.add(line.sku() + "/" + line.condition())) {
                throw new IllegalArgumentException("sku " + line.sku() + " is named twice with condition " + line.condition());
            }
            int received_ = receivedLines.stream().filter(l -> l.sku().equals(line.sku())).mapToInt(Line::quantity).sum();
            if (line.quantity() < 1 || received_ > asked) {
                throw new IllegalArgumentException("return " + rma + " asked for " + asked + " of sku " + line.sku() + ", not " + received_);
            }
            refund = refund.plus(pricing.refundOf(line.sku(), order.unitsReceivedBack(line.sku()) + unitsBefore(receivedLines, line), line.quantity()));
            back += line.quantity();
        }
        if (order.unitsReceivedBack() + back == order.units()) {
            refund = refund.plus(pricing.shippingRefund());
        }
        return refund;
    }

    /** Units of the same SKU listed before {@code line} in this receipt (a SKU may come back partly resellable, partly damaged). */
    private static int unitsBefore(List<Line> receivedLines, Line line) {
        int before = 0;
        for (Line l : receivedLines) {
            if (l == line) {
                return before;
            }
            if (l.sku().equals(line.sku())) {
                before += l.quantity();
            }
        }
        return before;
    }

    /** This return as received at {@code at} by the update {@code eventId}, refunded by {@code refund}. */
    public Return receivedAs(List<Line> receivedLines, Instant at, String eventId, String newRefundId) {
        return new Return(returnId, rma, Status.RECEIVED, lines, receivedLines, refundEstimate, requestedAt, at, eventId, newRefundId);
    }

    public Return refunded() {
        return new Return(returnId, rma, Status.REFUNDED, lines, received, refundEstimate, requestedAt, receivedAt, receivedEventId, refundId);
    }

    /** The resellable units of each received line, the ones that go back into stock. */
    public List<Line> resellable() {
        List<Line> out = new ArrayList<>();
        for (Line line : received) {
            if (line.condition() == Condition.RESELLABLE) {
                out.add(line);
            }
        }
        return out;
    }

    public int unitsAsked(String sku) {
        return lines.stream().filter(l -> l.sku().equals(sku)).mapToInt(Line::quantity).sum();
    }

    public int unitsReceived(String sku) {
        return received.stream().filter(l -> l.sku().equals(sku)).mapToInt(Line::quantity).sum();
    }
}
