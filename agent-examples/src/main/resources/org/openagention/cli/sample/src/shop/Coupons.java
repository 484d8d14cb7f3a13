package shop;

/** Discount coupons. */
public final class Coupons {
    private Coupons() {
    }

    /**
     * The total after the coupon {@code code}: SAVE10 takes 10% off, HALF takes 50% off (the
     * discount rounded down to whole cents). Codes are case-insensitive; any other code is refused
     * with an IllegalArgumentException.
     */
    public static long apply(String code, long totalCents) {
        throw new UnsupportedOperationException("coupons are not implemented yet");
    }
}
