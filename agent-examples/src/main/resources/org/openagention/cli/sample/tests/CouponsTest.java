import shop.Coupons;

public class CouponsTest {
    public static void testSave10TakesTenPercentOff() {
        Check.equal(1800L, Coupons.apply("SAVE10", 1999));
    }

    public static void testHalfTakesHalfOff() {
        Check.equal(1000L, Coupons.apply("HALF", 1999));
    }

    public static void testCodesAreCaseInsensitive() {
        Check.equal(1800L, Coupons.apply("save10", 1999));
    }

    public static void testUnknownCodeIsRefused() {
        Check.throwsA(IllegalArgumentException.class, () -> Coupons.apply("FREE", 1999));
    }
}
