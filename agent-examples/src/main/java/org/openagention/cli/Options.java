// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.openagention.core.providers.HttpOptions;
import picocli.CommandLine;

/** Checks and conversions of option values shared by the commands. */
final class Options {
    private Options() {}

    /** {@code dir} as an absolute path, which must be an existing directory. */
    static Path directory(Path dir, String option) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            throw new CliException(option + " " + dir + ": no such directory");
        }
        if (!Files.isDirectory(abs)) {
            throw new CliException(option + " " + dir + ": not a directory");
        }
        return abs;
    }

    /** The journal directory: {@code journalDir} when given, else {@code repo/.openagention/runs}. */
    static Path journalDir(Path repo, Path journalDir) {
        return (journalDir != null ? journalDir : repo.resolve(".openagention").resolve("runs")).toAbsolutePath()
                .normalize();
    }

    /**
     * The model provider's HTTP settings with the timeouts given on the command line (null when
     * not given: the default stays).
     *
     * @throws CliException when a timeout is zero
     */
    static HttpOptions http(Duration connect, Duration idle, Duration request) {
        HttpOptions.Builder b = HttpOptions.builder();
        if (connect != null) {
            b.connectTimeout(positive(connect, "--connect-timeout"));
        }
        if (idle != null) {
            b.idleTimeout(positive(idle, "--idle-timeout"));
        }
        if (request != null) {
            b.requestTimeout(positive(request, "--request-timeout"));
        }
        return b.build();
    }

    private static Duration positive(Duration d, String option) {
        if (d.isZero()) {
            throw new CliException(option + " must be longer than 0");
        }
        return d;
    }

    /** Durations as {@code 500ms}, {@code 90s}, {@code 10m}, {@code 2h}, a number of seconds, or ISO-8601 ({@code PT10M}). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            try {
                if (v.startsWith("pt") || v.startsWith("p")) {
                    return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
                }
                if (v.endsWith("ms")) {
                    long ms = Long.parseLong(v.substring(0, v.length() - 2).strip());
                    if (ms < 0) {
                        throw new CommandLine.TypeConversionException("a duration cannot be negative: '" + value + "'");
                    }
                    return Duration.ofMillis(ms);
                }
                char unit = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
                String number = Character.isDigit(unit) ? v : v.substring(0, v.length() - 1);
                long n = Long.parseLong(number.strip());
                if (n < 0) {
                    throw new CommandLine.TypeConversionException("a duration cannot be negative: '" + value + "'");
                }
                return switch (unit) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> {
                        if (!Character.isDigit(unit)) {
                            throw new NumberFormatException();
                        }
                        yield Duration.ofSeconds(n);
                    }
                };
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: use 500ms, 90s, 10m, 2h or PT10M");
            }
        }
    }

    static final class ApprovalConverter implements CommandLine.ITypeConverter<ApprovalMode> {
        @Override
        public ApprovalMode convert(String value) {
            try {
                return ApprovalMode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
