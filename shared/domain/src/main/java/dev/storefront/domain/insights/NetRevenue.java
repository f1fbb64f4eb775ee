package dev.storefront.domain.insights;

/**
 * Net revenue of one order: what it charged less its tax and less shipping (net of shipping's own
 * tax, which is already in the tax), i.e. the goods after discount without tax, the sum of the
 * lines' {@code taxable} amounts. The same whether tax is inside the prices or added on top:
 * <ul>
 *   <li>tax included: total = goods + shipping (both gross), tax = goods' + shipping's tax;</li>
 *   <li>tax on top: total = goods + shipping + tax (goods and shipping net).</li>
 * </ul>
 * An order from before shipping and tax (total = subtotal - discount) nets its total.
 */
public final class NetRevenue {

    private NetRevenue() {
    }

    /**
     * @param tax         the order's tax amount (lines and shipping)
     * @param included    whether that tax is inside the prices
     * @param shipping    the shipping charge as charged (gross when included)
     * @param shippingTax shipping's part of {@code tax}
     */
    public static long of(long total, long tax, boolean included, long shipping, long shippingTax) {
        long shippingNet = included ? shipping - shippingTax : shipping;
        return total - tax - shippingNet;
    }
}
