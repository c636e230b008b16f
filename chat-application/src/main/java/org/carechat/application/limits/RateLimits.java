package org.carechat.application.limits;

/**
 * How many requests a user may make, across every door and device together: people who converse get one
 * budget, administrators and services (which seed directories and relationships in bulk) a larger one.
 */
public record RateLimits(Budget people, Budget administrators) {
    public static final Budget DEFAULT_PEOPLE = new Budget(20, 40);
    public static final Budget DEFAULT_ADMINISTRATORS = new Budget(200, 400);

    public RateLimits {
        if (people == null || administrators == null) {
            throw new IllegalArgumentException("both budgets are required");
        }
    }

    public static RateLimits standard() {
        return new RateLimits(DEFAULT_PEOPLE, DEFAULT_ADMINISTRATORS);
    }

    /** {@code perSecond} requests a second on average, {@code burst} at once. */
    public record Budget(int perSecond, int burst) {
        public Budget {
            if (perSecond < 1 || burst < 1) {
                throw new IllegalArgumentException("a budget's rate and burst must be positive");
            }
        }
    }
}
