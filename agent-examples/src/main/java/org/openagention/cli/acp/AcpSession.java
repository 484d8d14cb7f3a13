// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli.acp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.ArrayList;
import java.util.List;
import org.openagention.cli.ApprovalMode;
import org.openagention.core.Agent;
import org.openagention.core.AgentLoop;
import org.openagention.core.Limits;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.model.Model;
import org.openagention.core.tool.Tool;
import org.openagention.orchestration.skills.ProjectInstructions;
import org.openagention.orchestration.skills.Skill;
import org.openagention.orchestration.skills.SkillLoader;
import org.openagention.orchestration.skills.SkillSet;
import org.openagention.tools.CodingTools;
import org.openagention.tools.Workspace;

/**
 * One editor session: a coding agent on the editor's working directory. Each prompt is one
 * journaled run of the agent; its task text carries the earlier prompts and answers of the session,
 * so the agent can refer back to them. The tools (and their read-before-write ledger) live as long
 * as the session. One prompt runs at a time; {@link #cancel} ends the running one.
 */
final class AcpSession {
    static final String INSTRUCTIONS = "You are a careful software engineer working in a repository, at the request"
            + " of a person in their editor. Read the code before you change it, make the smallest change that does"
            + " the task, run the project's tests with the shell tool when there are any, and finish with a short"
            + " report of what you changed and how you checked it. Use todo_write to share a plan for longer work.";
    private static final int EARLIER_ANSWER_CHARS = 2_000;

    private final String id;
    private final Path cwd;
    private final Path journalDir;
    private final JournalStore journal;
    private final SessionConfig config;
    private final EditorClient editor;
    private final SessionUpdates updates;
    private final EditorApprover approver;
    private final List<Tool> tools;
    private final SkillSet skills;
    private final int maxTurns;
    private final List<SessionIndex.Exchange> exchanges = new CopyOnWriteArrayList<>();
    private volatile ApprovalMode mode;
    private volatile String modelSpec;
    private volatile Model model;
    private volatile AgentLoop running;
    private volatile boolean cancelled;

    AcpSession(String id, Path cwd, Path journalDir, SessionConfig config, EditorClient editor, ApprovalMode mode,
            String modelSpec, int maxTurns, List<Tool> mcpTools) {
        this.id = id;
        this.cwd = cwd;
        this.journalDir = journalDir;
        this.journal = JournalStore.file(journalDir);
        this.config = config;
        this.editor = editor;
        this.updates = new SessionUpdates(id, cwd, editor);
        this.approver = new EditorApprover(id, cwd, editor);
        List<Tool> all = new ArrayList<>(CodingTools.all(Workspace.local(cwd)));
        all.addAll(mcpTools);
        this.tools = List.copyOf(all);
        this.skills = SkillSet.of(SkillLoader.load(cwd.resolve(".skills"),
                Path.of(System.getProperty("user.home"), ".skills")).skills());
        this.maxTurns = maxTurns;
        this.mode = mode;
        this.modelSpec = modelSpec;
        this.model = config.model(modelSpec);
    }

    String id() {
        return id;
    }

    Path cwd() {
        return cwd;
    }

    JournalStore journal() {
        return journal;
    }

    SessionUpdates updates() {
        return updates;
    }

    /** Takes the exchanges of a loaded session. */
    void restore(List<SessionIndex.Exchange> earlier) {
        exchanges.addAll(earlier);
    }

    /** The session's response fields: modes and config options. */
    ObjectNode describe(ObjectNode response) {
        response.set("modes", SessionConfig.modes(mode));
        response.set("configOptions", config.options(mode, modelSpec));
        return response;
    }

    /** Tells the editor the session's slash commands: one per skill. */
    void announceCommands() {
        ArrayNode commands = AcpJson.array();
        for (Skill s : skills.skills()) {
            ObjectNode c = AcpJson.object().put("name", s.name()).put("description", s.description());
            c.set("input", AcpJson.object().put("hint", "what to do with the " + s.name() + " skill"));
            commands.add(c);
        }
        ObjectNode u = AcpJson.object().put("sessionUpdate", "available_commands_update");
        u.set("availableCommands", commands);
        updates.send(u);
    }

    void mode(String modeId) {
        mode = SessionConfig.mode(modeId);
        updates.send(AcpJson.object().put("sessionUpdate", "current_mode_update").put("currentModeId", mode.flag()));
        save();
    }

    void model(String spec) {
        model = config.model(spec);
        modelSpec = spec;
        save();
    }

    ArrayNode configOptions() {
        return config.options(mode, modelSpec);
    }

    /** Runs one prompt to its end; returns the ACP stop reason. */
    synchronized String prompt(JsonNode blocks) {
        String text = PromptText.of(blocks, cwd, skills);
        cancelled = false;
        Agent agent = Agent.builder().name("editor-agent").model(model)
                .instructions(withProject(INSTRUCTIONS)).tools(tools)
                .addToolInterceptor(mode.policy().asInterceptor(approver))
                .addToolInterceptor(new EditorTools(id, cwd, editor, updates))
                .addListener(updates).build();
        RunOptions options = RunOptions.builder().runId(RunOptions.newRunId()).journal(journal).streaming(true)
                .limits(Limits.builder().maxTurns(maxTurns).build()).build();
        AgentLoop loop = agent.start(withEarlierExchanges(text), options);
        exchanges.add(new SessionIndex.Exchange(loop.runId(), text, ""));
        save();
        running = loop;
        RunResult result;
        try {
            if (cancelled) {
                loop.cancel();
            }
            result = loop.run();
        } finally {
            running = null;
        }
        exchanges.set(exchanges.size() - 1, new SessionIndex.Exchange(loop.runId(), text, result.finalText()));
        save();
        return switch (result.stopReason()) {
            case COMPLETED -> "end_turn";
            case CANCELLED -> "cancelled";
            case MAX_TURNS -> "max_turn_requests";
            case TOKEN_BUDGET, OUTPUT_LIMIT -> "max_tokens";
            default -> {
                updates.send(SessionUpdates.chunk("agent_message_chunk", "\n\n(The run stopped: "
                        + result.stopReason() + (result.detail().isEmpty() ? "" : ": " + result.detail()) + ")"));
                yield "end_turn";
            }
        };
    }

    /** Cancels the running prompt, if any (a permission request waiting for the editor is withdrawn). */
    void cancel() {
        cancelled = true;
        AgentLoop loop = running;
        if (loop != null) {
            loop.cancel();
        }
    }

    private String withProject(String base) {
        String project = ProjectInstructions.read(cwd);
        return project.isBlank() ? base : base + "\n\nProject instructions:\n" + project;
    }

    private String withEarlierExchanges(String text) {
        if (exchanges.isEmpty()) {
            return text;
        }
        StringBuilder b = new StringBuilder("Earlier in this session:\n");
        for (SessionIndex.Exchange e : exchanges) {
            String answer = e.answer().length() > EARLIER_ANSWER_CHARS
                    ? e.answer().substring(0, EARLIER_ANSWER_CHARS) + "…" : e.answer();
            b.append("- The person asked: ").append(e.prompt()).append("\n  You answered: ").append(answer).append('\n');
        }
        return b.append("\nNow the person asks:\n").append(text).toString();
    }

    private void save() {
        SessionIndex.save(new SessionIndex.Stored(id, cwd, journalDir, mode.flag(), modelSpec, List.copyOf(exchanges)));
    }

    List<SessionIndex.Exchange> exchanges() {
        return List.copyOf(exchanges);
    }
}
