// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.provenance;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openagention.core.AgentEvent;
import org.openagention.core.AgentListener;
import org.openagention.core.tool.ToolInterceptor;
import org.openagention.core.tool.ToolResult;

/**
 * Records the sources an agent works from and checks the claims of its report against them.
 *
 * <p>Sources come in two ways: {@link #listener()} (with {@link #interceptor()}, which also tags
 * each tool result with its id so the model can cite it) records them as the agent works (each run's
 * input as {@link SourceKind#USER_INPUT}; each successful tool result as
 * {@link SourceKind#TOOL_RESULT}, or {@link SourceKind#FILE_READ} for the file-reading tools,
 * labelled with the file's path), and the {@code record...} methods record them explicitly. Each
 * gets an id ({@code S1}, {@code S2}, ...) that claims cite. Failed tool calls are not evidence
 * and are not recorded.
 *
 * <p>{@link #claim} checks one claim against the ids it cites; {@link #checkReport} splits a
 * report into sentences and checks each against its {@code [S1]}-style citation markers, so an
 * uncited sentence is {@link Support#UNSUPPORTED}. The verdict rule is on {@link Support}.
 *
 * <pre>{@code
 * ProvenanceTracker provenance = new ProvenanceTracker();
 * Agent agent = Agent.builder().model(model).tools(tools)
 *         .instructions(base + "\n\n" + ProvenanceTracker.CITATION_INSTRUCTIONS)
 *         .addToolInterceptor(provenance.interceptor()).addListener(provenance.listener()).build();
 * RunResult result = agent.run("Audit src/ for SQL injection");
 * provenance.checkReport(result.finalText());
 * provenance.unsupported().forEach(c -> System.out.println("unsupported: " + c.text()));
 * }</pre>
 *
 * <p>Thread-safe: the listener may record from parallel tool calls.
 */
public final class ProvenanceTracker {
    /** Instructions that ask the model to cite the tracker's source ids. */
    public static final String CITATION_INSTRUCTIONS = "Every tool result you receive is a source, and ends with a"
            + " line that gives its id, such as [source: S3]. In your final report, end each factual sentence with the"
            + " ids of the sources it rests on in square brackets, such as [S3] or [S2, S4]. Do not state anything you"
            + " cannot cite.";

    private final Set<String> fileReadTools;
    private final Clock clock;
    private final List<Source> sources = new ArrayList<>();
    private final List<ClaimCheck> claims = new ArrayList<>();
    private final Set<String> tagged = ConcurrentHashMap.newKeySet();

    /** A tracker that treats the {@code read_file} tool as reading files. */
    public ProvenanceTracker() {
        this(Set.of("read_file"), Clock.systemUTC());
    }

    /**
     * A tracker that treats the tools named in {@code fileReadTools} as reading files (their
     * {@code path} argument labels the source), timing sources with {@code clock}.
     */
    public ProvenanceTracker(Set<String> fileReadTools, Clock clock) {
        this.fileReadTools = Set.copyOf(fileReadTools);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A listener that records run inputs and successful tool results as sources. Results already
     * recorded by {@link #interceptor()} are not recorded twice.
     */
    public AgentListener listener() {
        return this::onEvent;
    }

    /**
     * A tool interceptor that records each successful tool result as a source and appends its id
     * to the text the model sees ({@code [source: S3]}), so the model can cite exactly what it
     * read. Add it last, so it records the result the model will see.
     */
    public ToolInterceptor interceptor() {
        return chain -> {
            ToolResult result = chain.proceed(chain.call());
            if (result.isError()) {
                return result;
            }
            Source s = fromTool(chain.call().name(), chain.call().argumentsJson(), result.text());
            tagged.add(chain.context().runId() + "/" + chain.call().id());
            return ToolResult.success(result.text() + "\n[source: " + s.id() + "]");
        };
    }

    private Source fromTool(String tool, String args, String text) {
        if (fileReadTools.contains(tool)) {
            return recordFileRead(Claims.pathArgument(args).orElse(tool + " " + args), text);
        }
        return recordToolResult(tool, args, text);
    }

    private void onEvent(AgentEvent event) {
        if (event instanceof AgentEvent.RunStarted started && !started.resumed()) {
            recordUserInput(started.input());
        } else if (event instanceof AgentEvent.ToolCallFinished done && !done.result().isError()
                && !tagged.remove(done.runId() + "/" + done.call().id())) {
            fromTool(done.call().name(), done.call().argumentsJson(), done.result().text());
        }
    }

    /** Records the content of a file the agent read. */
    public Source recordFileRead(String path, String content) {
        return record(SourceKind.FILE_READ, path, content);
    }

    /** Records the output of a tool call. */
    public Source recordToolResult(String toolName, String argumentsJson, String content) {
        return record(SourceKind.TOOL_RESULT, toolName + " " + argumentsJson, content);
    }

    /** Records what the user said. */
    public Source recordUserInput(String text) {
        return record(SourceKind.USER_INPUT, "user", text);
    }

    /** Records a source of any kind and returns it with its new id. */
    public synchronized Source record(SourceKind kind, String label, String content) {
        Source s = new Source("S" + (sources.size() + 1), kind, label, content, clock.instant());
        sources.add(s);
        return s;
    }

    /** Every source, in the order recorded. */
    public synchronized List<Source> sources() {
        return List.copyOf(sources);
    }

    /** The source with {@code id}. */
    public synchronized Optional<Source> source(String id) {
        return sources.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Checks a claim against the sources it cites, records the verdict and returns it. */
    public synchronized ClaimCheck claim(String text, List<String> sourceIds) {
        Objects.requireNonNull(text, "text");
        ClaimCheck check = Claims.check("C" + (claims.size() + 1), text, sourceIds, sources);
        claims.add(check);
        return check;
    }

    /**
     * Splits a report into claims (one per sentence, headings and lines ending in a colon skipped)
     * and checks each against the {@code [S1]}-style markers it carries. Returns this report's checks.
     */
    public synchronized List<ClaimCheck> checkReport(String report) {
        List<ClaimCheck> checks = new ArrayList<>();
        for (Claims.Cited c : Claims.split(report)) {
            checks.add(claim(c.text(), c.sourceIds()));
        }
        return checks;
    }

    /** Every claim checked so far, in order. */
    public synchronized List<ClaimCheck> claims() {
        return List.copyOf(claims);
    }

    /** The claims no existing source supports. */
    public synchronized List<ClaimCheck> unsupported() {
        return claims.stream().filter(c -> c.support() == Support.UNSUPPORTED).toList();
    }

    /** The counts of sources and of claims by verdict. */
    public synchronized ProvenanceSummary summary() {
        int supported = 0;
        int inferred = 0;
        for (ClaimCheck c : claims) {
            if (c.support() == Support.SUPPORTED) {
                supported++;
            } else if (c.support() == Support.INFERRED) {
                inferred++;
            }
        }
        List<ClaimCheck> flagged = unsupported();
        return new ProvenanceSummary(sources.size(), claims.size(), supported, inferred, flagged.size(), flagged);
    }
}
