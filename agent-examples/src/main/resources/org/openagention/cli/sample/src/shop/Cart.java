package shop;

import java.util.ArrayList;
import java.util.List;

/** A shopping cart. Prices are in cents. */
public final class Cart {
    private final List<Item> items = new ArrayList<>();

    /** Adds a line; the quantity must be at least 1. */
    public Cart add(String name, long unitPriceCents, int quantity) {
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1: " + quantity);
        }
        items.add(new Item(name, unitPriceCents, quantity));
        return this;
    }

    public List<Item> items() {
        return List.copyOf(items);
    }

    /** The total of every line: unit price times quantity. */
    public long totalCents() {
        long total = 0;
        for (Item item : items) {
            total += item.unitPriceCents();
        }
        return total;
    }
}
