// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.shell;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.openagention.tools.process.Command;

/**
 * How the {@code shell} tool runs commands: timeouts, output caps, environment and whether to
 * run inside the bubblewrap {@link Sandbox}.
 *
 * <p>Immutable and thread-safe; the builder is not thread-safe. Defaults: a 120 s timeout when
 * the model gives none, at most 600 s whatever it asks, 16 KiB of head and 16 KiB of tail output,
 * secrets scrubbed from the environment, not sandboxed.
 *
 * <pre>{@code
 * ShellOptions options = ShellOptions.builder()
 *         .maxTimeout(Duration.ofMinutes(2))
 *         .allowEnv("JAVA_HOME_KEYSTORE")   // keep a variable the scrubber would drop
 *         .sandboxed(true)
 *         .build();
 * }</pre>
 */
public final class ShellOptions {
    /** The largest head or tail capture allowed (16 MiB each). */
    public static final int MAX_CAPTURE_BYTES = Command.MAX_CAPTURE_BYTES;

    private final Duration defaultTimeout;
    private final Duration maxTimeout;
    private final int headBytes;
    private final int tailBytes;
    private final Set<String> allowedEnv;
    private final Map<String, String> environment;
    private final boolean sandboxed;

    private ShellOptions(Builder b) {
        this.defaultTimeout = b.defaultTimeout;
        this.maxTimeout = b.maxTimeout;
        this.headBytes = b.headBytes;
        this.tailBytes = b.tailBytes;
        this.allowedEnv = Set.copyOf(b.allowedEnv);
        this.environment = Map.copyOf(b.environment);
        this.sandboxed = b.sandboxed;
    }

    /** The defaults described above. */
    public static ShellOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.defaultTimeout = defaultTimeout;
        b.maxTimeout = maxTimeout;
        b.headBytes = headBytes;
        b.tailBytes = tailBytes;
        b.allowedEnv.addAll(allowedEnv);
        b.environment.putAll(environment);
        b.sandboxed = sandboxed;
        return b;
    }

    /** These options with the sandbox switched on or off. */
    public ShellOptions sandboxed(boolean on) {
        return toBuilder().sandboxed(on).build();
    }

    /** The timeout of a call whose arguments name none. */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /** The longest timeout a call may ask for; longer requests are capped to it. */
    public Duration maxTimeout() {
        return maxTimeout;
    }

    /** How many bytes of the start of the output are kept. */
    public int headBytes() {
        return headBytes;
    }

    /** How many bytes of the end of the output are kept. */
    public int tailBytes() {
        return tailBytes;
    }

    /** Variable names passed through even though they look like secrets. */
    public Set<String> allowedEnv() {
        return allowedEnv;
    }

    /** Variables set for every command, after scrubbing. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Whether commands run inside the bubblewrap sandbox. */
    public boolean sandboxed() {
        return sandboxed;
    }

    /** Builds {@link ShellOptions}; each setter checks its value and says what is wrong. */
    public static final class Builder {
        private Duration defaultTimeout = Duration.ofSeconds(120);
        private Duration maxTimeout = Duration.ofSeconds(600);
        private int headBytes = 16 * 1024;
        private int tailBytes = 16 * 1024;
        private final Set<String> allowedEnv = new TreeSet<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private boolean sandboxed;

        private Builder() {}

        public Builder defaultTimeout(Duration timeout) {
            this.defaultTimeout = positive(timeout, "defaultTimeout");
            return this;
        }

        public Builder maxTimeout(Duration timeout) {
            this.maxTimeout = positive(timeout, "maxTimeout");
            return this;
        }

        public Builder headBytes(int bytes) {
            this.headBytes = capture(bytes, "headBytes");
            return this;
        }

        public Builder tailBytes(int bytes) {
            this.tailBytes = capture(bytes, "tailBytes");
            return this;
        }

        /** Keeps these variables even if their names look like secrets. */
        public Builder allowEnv(String... names) {
            for (String name : names) {
                allowedEnv.add(Objects.requireNonNull(name, "name"));
            }
            return this;
        }

        /** Sets a variable for every command (applied after scrubbing). */
        public Builder putEnv(String name, String value) {
            environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder sandboxed(boolean on) {
            this.sandboxed = on;
            return this;
        }

        /**
         * @throws IllegalArgumentException when the default timeout exceeds the maximum
         */
        public ShellOptions build() {
            if (defaultTimeout.compareTo(maxTimeout) > 0) {
                throw new IllegalArgumentException("defaultTimeout " + defaultTimeout + " exceeds maxTimeout " + maxTimeout);
            }
            return new ShellOptions(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive but was " + d);
            }
            return d;
        }

        private static int capture(int bytes, String what) {
            if (bytes < 0 || bytes > MAX_CAPTURE_BYTES) {
                throw new IllegalArgumentException(what + " must be between 0 and " + MAX_CAPTURE_BYTES + " but was " + bytes);
            }
            return bytes;
        }
    }
}
