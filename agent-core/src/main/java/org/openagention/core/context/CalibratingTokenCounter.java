// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.context;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.Usage;

/**
 * A {@link TokenCounter} that learns how far its base counter is off: after each call, the input
 * tokens the provider reported ({@link Usage#totalInputTokens()}, cached or not) are the truth,
 * and the ratio between them and the base count of the request that was sent corrects the next
 * counts.
 *
 * <p>It cannot be fooled into sizing requests too small. Reports that cannot be true are ignored:
 * none or zero input tokens (servers that send no usage), and fewer than {@value #MIN_PLAUSIBLE}
 * of the base count (canned usage from a fake, a server that counts something else). Each
 * plausible report is clamped to [{@value #MIN_RATIO}, {@value #MAX_RATIO}], so a count is never
 * below {@value #MIN_RATIO} of the base count: the conservative estimate. The first plausible
 * report sets the ratio; later ones move it part of the way (an exponential moving average), so one
 * odd report cannot swing it far. Until the first plausible report the base count is used as is.
 *
 * <pre>{@code
 * CalibratingTokenCounter counter = TokenCounter.calibrating(TokenCounter.estimating(TokenizerFamily.OPENAI));
 * Compaction compaction = Compaction.builder().model(model).tokenCounter(counter).build();
 * }</pre>
 *
 * <p>Thread-safe and lock-free: many runs may count and report at once.
 */
public final class CalibratingTokenCounter implements TokenCounter {
    /**
     * The smallest ratio one report may suggest, so the floor of every count as a fraction of the
     * base count.
     */
    public static final double MIN_RATIO = 0.8;
    /** Reports below this fraction of the base count are implausible and ignored. */
    public static final double MIN_PLAUSIBLE = 0.5;
    /** The largest ratio one report may suggest. */
    public static final double MAX_RATIO = 4.0;
    /** How far each report after the first moves the ratio towards what it suggests. */
    static final double SMOOTHING = 0.3;

    private record State(double ratio, long samples) {}

    private final TokenCounter base;
    private final AtomicReference<State> state = new AtomicReference<>(new State(1.0, 0));

    CalibratingTokenCounter(TokenCounter base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    @Override
    public long count(ModelRequest request) {
        long raw = base.count(request);
        return (long) Math.ceil(raw * Math.max(MIN_RATIO, state.get().ratio()));
    }

    @Override
    public void observe(ModelRequest request, Usage reported) {
        long truth = reported.totalInputTokens();
        if (truth <= 0) {
            return;
        }
        long estimate = base.count(request);
        if (estimate <= 0 || truth < MIN_PLAUSIBLE * estimate) {
            return;
        }
        double sample = Math.min(MAX_RATIO, Math.max(MIN_RATIO, (double) truth / estimate));
        state.updateAndGet(s -> s.samples() == 0 ? new State(sample, 1)
                : new State(s.ratio() + SMOOTHING * (sample - s.ratio()), s.samples() + 1));
    }

    /** The factor applied to the base counter's counts: 1.0 until the first report. */
    public double ratio() {
        return state.get().ratio();
    }

    /** How many reports this counter has learned from. */
    public long samples() {
        return state.get().samples();
    }

    /** The counter being corrected. */
    public TokenCounter base() {
        return base;
    }

    @Override
    public String toString() {
        State s = state.get();
        return "CalibratingTokenCounter[base=" + base + ", ratio=" + s.ratio() + ", samples=" + s.samples() + "]";
    }
}
