// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.skills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openagention.core.Agent;
import org.openagention.core.AgentEvent;
import org.openagention.core.ConfigurationException;
import org.openagention.core.ModelInterceptor;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.tool.ToolInterceptor;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolSpec;

/**
 * The per-run side of an equipped agent: which skills each run has loaded, the interceptor that
 * hides the tools of skills not yet loaded, and the gate that refuses calls to them.
 *
 * <p>Which skills a run has loaded is kept per run id, and also read back from the transcript on
 * every model call (successful {@code load_skill} calls), so a run resumed from its journal still
 * sees the tools of the skills it loaded before. Entries are dropped when a run finishes.
 */
final class SkillRuntime {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SkillSet set;
    private final List<String> preloaded;
    private final Map<String, String> toolOwners = new HashMap<>();
    private final Map<String, Set<String>> loaded = new ConcurrentHashMap<>();

    SkillRuntime(SkillSet set, List<String> preloaded) {
        this.set = set;
        this.preloaded = List.copyOf(preloaded);
        for (String skill : set.names()) {
            set.tools(skill).forEach(t -> toolOwners.put(t.name(), skill));
        }
    }

    Agent equip(Agent agent) {
        Map<String, String> taken = new LinkedHashMap<>();
        agent.tools().forEach(t -> taken.put(t.name(), "the agent's own tool"));
        for (String builtin : List.of(SkillSet.LOAD_SKILL, SkillSet.READ_SKILL_FILE)) {
            if (taken.containsKey(builtin)) {
                throw new ConfigurationException("the agent already has a tool named '" + builtin
                        + "' (is it equipped with skills twice?)");
            }
        }
        toolOwners.forEach((tool, skill) -> {
            if (taken.containsKey(tool)) {
                throw new ConfigurationException("skill '" + skill + "' brings a tool named '" + tool
                        + "', but the agent already has a tool of that name; rename one of them (a skill's tools"
                        + " never shadow existing tools)");
            }
        });
        Agent.Builder b = agent.toBuilder().instructions(instructions(agent.instructions()));
        SkillTools tools = new SkillTools(set, this);
        b.addTool(tools.loadSkill()).addTool(tools.readSkillFile());
        set.names().forEach(s -> set.tools(s).forEach(b::addTool));
        return b.addModelInterceptor(this::hideUnloaded).addToolInterceptor(this::gate)
                .addListener(this::forgetFinished).build();
    }

    private String instructions(String base) {
        StringBuilder sb = new StringBuilder(base);
        String catalogue = set.catalogue();
        if (!catalogue.isEmpty()) {
            sb.append(sb.length() == 0 ? "" : "\n\n").append(catalogue);
        }
        for (String name : preloaded) {
            Skill s = set.find(name).orElseThrow();
            sb.append("\n\nThe skill '").append(name).append("' is already loaded; its instructions:\n<skill name=\"")
                    .append(name).append("\">\n").append(s.instructions()).append("\n</skill>");
        }
        return sb.toString();
    }

    /** Records that {@code runId} loaded {@code skill}. */
    void markLoaded(String runId, String skill) {
        loadedIn(runId).add(skill);
    }

    /** The skills {@code runId} has loaded (live view). */
    Set<String> loadedIn(String runId) {
        return loaded.computeIfAbsent(runId, k -> {
            Set<String> s = ConcurrentHashMap.newKeySet();
            s.addAll(preloaded);
            return s;
        });
    }

    /** The tool names {@code skill} brings. */
    List<String> toolNames(String skill) {
        List<String> names = new ArrayList<>();
        set.tools(skill).forEach(t -> names.add(t.name()));
        return names;
    }

    private ModelResponse hideUnloaded(ModelInterceptor.Chain chain) {
        ModelRequest request = chain.request();
        Set<String> now = loadedIn(chain.runId());
        now.addAll(loadedInTranscript(request.messages()));
        List<ToolSpec> visible = new ArrayList<>();
        for (ToolSpec spec : request.tools()) {
            String owner = toolOwners.get(spec.name());
            if (owner == null || now.contains(owner)) {
                visible.add(spec);
            }
        }
        if (visible.size() == request.tools().size()) {
            return chain.proceed(request);
        }
        return chain.proceed(request.toBuilder().tools(visible).build());
    }

    private ToolResult gate(ToolInterceptor.Chain chain) throws Exception {
        String owner = toolOwners.get(chain.call().name());
        if (owner != null && !loadedIn(chain.context().runId()).contains(owner)) {
            return ToolResult.error(ToolResult.ErrorKind.DENIED, "The tool " + chain.call().name()
                    + " belongs to the skill '" + owner + "', which is not loaded. Call " + SkillSet.LOAD_SKILL
                    + " with {\"name\": \"" + owner + "\"} first.");
        }
        return chain.proceed(chain.call());
    }

    private void forgetFinished(AgentEvent event) {
        if (event instanceof AgentEvent.RunFinished finished) {
            loaded.remove(finished.runId());
        }
    }

    /** Skill names from successful {@code load_skill} calls in {@code messages}. */
    private Set<String> loadedInTranscript(List<Message> messages) {
        Map<String, String> requested = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (Message m : messages) {
            if (m instanceof AssistantMessage a) {
                for (Content.ToolUse use : a.toolUses()) {
                    if (use.name().equals(SkillSet.LOAD_SKILL)) {
                        String name = skillArgument(use.argumentsJson());
                        if (name != null) {
                            requested.put(use.id(), name);
                        }
                    }
                }
            } else if (m instanceof ToolResultMessage r) {
                for (Content.ToolOutput out : r.outputs()) {
                    String name = requested.get(out.toolUseId());
                    if (name != null && !out.result().isError() && set.find(name).isPresent()) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }

    private static String skillArgument(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            JsonNode name = node == null ? null : node.get("name");
            return name != null && name.isTextual() ? name.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
