import shop.Cart;

public class CartTest {
    public static void testEmptyCartTotalsZero() {
        Check.equal(0L, new Cart().totalCents());
    }

    public static void testTotalCountsQuantities() {
        Cart cart = new Cart().add("pen", 250, 2).add("book", 1999, 1);
        Check.equal(2499L, cart.totalCents());
    }

    public static void testQuantityMustBePositive() {
        Check.throwsA(IllegalArgumentException.class, () -> new Cart().add("pen", 250, 0));
    }
}
