// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.context;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Objects;
import org.openagention.core.AgentEvent;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolInterceptor;
import org.openagention.core.tool.ToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ToolInterceptor} that caps tool output before it enters the transcript.
 *
 * <p>A result (success or error) longer than {@link Builder#maxChars} characters or
 * {@link Builder#maxLines} lines is cut to its head and tail, each at most half of both limits,
 * with one line between them that states the total size, how much was omitted, and the file that
 * holds the full text, which the model can read with {@code read_file}. Errors stay errors of the
 * same {@link ToolResult.ErrorKind}.
 *
 * <p>Nothing is lost: the full text is written (and forced to disk) to a new file in the spill
 * directory, one per capped call, before the capped result is returned. If that write fails, the
 * capped result says so, still with its head and tail, and a warning is logged. Each spill is
 * reported to the run's listeners as an {@link AgentEvent.Notice} from {@value #SOURCE}.
 *
 * <pre>{@code
 * Path spill = workspaceRoot.resolve(".openagention/tool-output");
 * Agent agent = Agent.builder()
 *         .model(model)
 *         .tools(tools)
 *         .addToolInterceptor(ToolOutputLimit.builder()
 *                 .maxChars(20_000).maxLines(400)
 *                 .spillDirectory(spill)
 *                 .pathsRelativeTo(workspaceRoot) // read_file takes workspace-relative paths
 *                 .build())
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe: calls of one turn may run in parallel; each gets its own file.
 */
public final class ToolOutputLimit implements ToolInterceptor {
    /** The source named in the {@link AgentEvent.Notice}s this interceptor publishes. */
    public static final String SOURCE = "tool-output-limit";
    private static final Logger LOG = LoggerFactory.getLogger(ToolOutputLimit.class);

    private final int maxChars;
    private final int maxLines;
    private final Path spillDirectory;
    private final Path pathsRelativeTo;
    private final Clock clock;

    private ToolOutputLimit(Builder b) {
        this.maxChars = b.maxChars;
        this.maxLines = b.maxLines;
        this.spillDirectory = b.spillDirectory.toAbsolutePath().normalize();
        this.pathsRelativeTo = b.pathsRelativeTo == null ? null : b.pathsRelativeTo.toAbsolutePath().normalize();
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ToolResult intercept(Chain chain) throws Exception {
        ToolResult result = chain.proceed(chain.call());
        return limit(result, chain.call(), chain.context());
    }

    /**
     * {@code result} capped for {@code call}: unchanged when within the limits, else cut and spilled.
     * Usable on its own by tools that cap their own output the same way.
     */
    public ToolResult limit(ToolResult result, ToolCall call, ToolContext context) {
        String text = result.text();
        if (HeadTail.fits(text, maxChars, maxLines)) {
            return result;
        }
        HeadTail cut = HeadTail.cut(text, maxChars, maxLines);
        String sizes = String.format("[output truncated: %,d characters in %s in total; %,d characters (%s) omitted here.",
                text.length(), lines(HeadTail.lines(text)), cut.omittedChars(), lines(cut.omittedLines()));
        String marker;
        try {
            Path file = spill(call, text);
            String shown = shownPath(file);
            marker = sizes + " The full output is saved in " + shown + ": read it with read_file to see the omitted part.]";
            context.publish(new AgentEvent.Notice(context.runId(), clock.instant(), SOURCE, "output of " + call.name()
                    + " call " + call.id() + " (" + text.length() + " characters) capped; full text in " + file));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not save the full output of {} call {} to {}", call.name(), call.id(), spillDirectory, e);
            marker = sizes + " Saving the full output to a file failed (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "), so the omitted part cannot be read; run the tool again with narrower options to see it.]";
            context.publish(new AgentEvent.Notice(context.runId(), clock.instant(), SOURCE, "output of " + call.name()
                    + " call " + call.id() + " capped, and saving the full text failed: " + e));
        }
        String capped = cut.join(marker);
        if (result instanceof ToolResult.Error error) {
            return ToolResult.error(error.kind(), capped);
        }
        return ToolResult.success(capped);
    }

    private static String lines(int n) {
        return n == 1 ? "1 line" : String.format("%,d lines", n);
    }

    private Path spill(ToolCall call, String text) throws IOException {
        Files.createDirectories(spillDirectory);
        String prefix = safeName(call.name()) + "-" + safeName(call.id()) + "-";
        Path file = Files.createTempFile(spillDirectory, prefix, ".txt");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        return file;
    }

    private String shownPath(Path file) {
        if (pathsRelativeTo != null && file.startsWith(pathsRelativeTo)) {
            return pathsRelativeTo.relativize(file).toString().replace('\\', '/');
        }
        return file.toString();
    }

    /** A name safe in any file system: letters, digits, '-', '_' and '.', at most 40 characters. */
    static String safeName(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 40));
        for (int i = 0; i < s.length() && sb.length() < 40; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.') ? c : '_');
        }
        return sb.length() == 0 ? "call" : sb.toString();
    }

    public int maxChars() {
        return maxChars;
    }

    public int maxLines() {
        return maxLines;
    }

    public Path spillDirectory() {
        return spillDirectory;
    }

    @Override
    public String toString() {
        return "ToolOutputLimit[maxChars=" + maxChars + ", maxLines=" + maxLines + ", spill=" + spillDirectory + "]";
    }

    /**
     * Builds a {@link ToolOutputLimit}. Defaults: 25,000 characters, 500 lines, a spill directory
     * {@code openagention-tool-output} under {@code java.io.tmpdir}, paths shown absolute, the
     * system clock. Not thread-safe.
     */
    public static final class Builder {
        private int maxChars = 25_000;
        private int maxLines = 500;
        private Path spillDirectory = Path.of(System.getProperty("java.io.tmpdir"), "openagention-tool-output");
        private Path pathsRelativeTo;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The most characters a result may have before it is capped; at least 200. */
        public Builder maxChars(int maxChars) {
            if (maxChars < 200) {
                throw new IllegalArgumentException("maxChars must be at least 200 (room for a head and a tail): " + maxChars);
            }
            this.maxChars = maxChars;
            return this;
        }

        /** The most lines a result may have before it is capped; at least 2 (a head line and a tail line). */
        public Builder maxLines(int maxLines) {
            if (maxLines < 2) {
                throw new IllegalArgumentException("maxLines must be at least 2 (a head line and a tail line): " + maxLines);
            }
            this.maxLines = maxLines;
            return this;
        }

        /** Where full outputs are written; created when first needed. */
        public Builder spillDirectory(Path spillDirectory) {
            this.spillDirectory = Objects.requireNonNull(spillDirectory, "spillDirectory");
            return this;
        }

        /**
         * States spill files relative to {@code root} (a workspace root) when they lie under it, as
         * workspace-confined tools expect; files elsewhere are stated absolute.
         */
        public Builder pathsRelativeTo(Path root) {
            this.pathsRelativeTo = Objects.requireNonNull(root, "root");
            return this;
        }

        /** The clock that stamps the notices. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public ToolOutputLimit build() {
            return new ToolOutputLimit(this);
        }
    }
}
