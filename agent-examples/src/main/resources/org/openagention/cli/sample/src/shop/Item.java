package shop;

/** One line of a cart: what, its unit price in cents, and how many. */
public record Item(String name, long unitPriceCents, int quantity) {
}
