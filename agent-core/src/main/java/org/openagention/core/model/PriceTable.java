// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Prices by model id, used for cost budgets and reports.
 *
 * <p>Lookup is by exact id first, then by the longest known prefix, so that a dated id such as
 * {@code claude-sonnet-4-5-20250929} finds {@code claude-sonnet-4-5}. Immutable; {@link #with}
 * returns a new table. The defaults are list prices published by the providers and will age:
 * override them for your contract.
 */
public final class PriceTable {
    private final Map<String, Price> prices;

    private PriceTable(Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    public static PriceTable empty() {
        return new PriceTable(Map.of());
    }

    /** Published list prices for common models. */
    public static PriceTable defaults() {
        Map<String, Price> m = new LinkedHashMap<>();
        m.put("claude-opus-4", new Price(15, 75, 1.5, 18.75));
        m.put("claude-opus-4-5", new Price(5, 25, 0.5, 6.25));
        m.put("claude-sonnet-4", new Price(3, 15, 0.3, 3.75));
        m.put("claude-haiku-4-5", new Price(1, 5, 0.1, 1.25));
        m.put("claude-3-5-haiku", new Price(0.8, 4, 0.08, 1));
        m.put("gpt-4o-mini", new Price(0.15, 0.6, 0.075, 0));
        m.put("gpt-4o", new Price(2.5, 10, 1.25, 0));
        m.put("gpt-4.1", new Price(2, 8, 0.5, 0));
        m.put("gpt-4.1-mini", new Price(0.4, 1.6, 0.1, 0));
        m.put("gpt-5", new Price(1.25, 10, 0.125, 0));
        m.put("gpt-5-mini", new Price(0.25, 2, 0.025, 0));
        m.put("gpt-5-nano", new Price(0.05, 0.4, 0.005, 0));
        return new PriceTable(m);
    }

    /** This table with {@code modelId} priced at {@code price}. */
    public PriceTable with(String modelId, Price price) {
        Map<String, Price> m = new LinkedHashMap<>(prices);
        m.put(Objects.requireNonNull(modelId, "modelId"), Objects.requireNonNull(price, "price"));
        return new PriceTable(m);
    }

    /** The price of {@code modelId}, by exact id or longest known prefix. */
    public Optional<Price> priceOf(String modelId) {
        Price exact = prices.get(modelId);
        if (exact != null) {
            return Optional.of(exact);
        }
        String best = null;
        for (String known : prices.keySet()) {
            if (modelId.startsWith(known) && (best == null || known.length() > best.length())) {
                best = known;
            }
        }
        return best == null ? Optional.empty() : Optional.of(prices.get(best));
    }

    /** The cost of {@code usage} on {@code modelId}; 0 when the model has no price. */
    public double cost(String modelId, Usage usage) {
        return priceOf(modelId).map(p -> p.cost(usage)).orElse(0d);
    }
}
