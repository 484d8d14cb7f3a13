// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli.acp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openagention.cli.ApprovalMode;
import org.openagention.core.AgentException;
import org.openagention.core.model.Model;
import org.openagention.core.providers.Models;

/**
 * The modes and models an editor can choose between. Modes are the CLI's approval modes
 * ({@code ask}, {@code workspace-write}, {@code full-access}); models are the one the environment
 * configures plus those listed in {@code OPENAGENTION_ACP_MODELS} (comma-separated
 * {@code provider:model}), each built as {@link Models#fromEnvironment} builds it with
 * {@code OPENAGENTION_MODEL} set to it. Offered as the session's {@code modes} and as its
 * {@code configOptions} (categories {@code mode} and {@code model}).
 */
final class SessionConfig {
    static final List<ApprovalMode> MODES = List.of(ApprovalMode.ASK, ApprovalMode.WORKSPACE_WRITE, ApprovalMode.FULL_ACCESS);

    private final Map<String, String> env;
    private final List<String> models;
    /** Why no model can be used (the environment configures none), or null. */
    private final String unusable;

    SessionConfig(Map<String, String> env, String defaultModel) {
        this(env, defaultModel, null);
    }

    /**
     * A configuration whose environment configures no model: the editor still gets its
     * {@code initialize} answer, and a session is refused with {@code problem}, which the editor
     * shows, rather than the process ending before it could say why.
     */
    static SessionConfig unusable(Map<String, String> env, String problem) {
        return new SessionConfig(env, "unconfigured", problem);
    }

    private SessionConfig(Map<String, String> env, String defaultModel, String unusable) {
        this.unusable = unusable;
        this.env = Map.copyOf(env);
        Set<String> all = new LinkedHashSet<>();
        all.add(defaultModel);
        for (String m : env.getOrDefault("OPENAGENTION_ACP_MODELS", "").split(",")) {
            if (!m.isBlank()) {
                all.add(m.strip());
            }
        }
        this.models = new ArrayList<>(all);
    }

    /** The {@code provider:model} the environment configures, as offered first. */
    static String defaultModel(Map<String, String> env) {
        Models.Choice c = Models.choose(env);
        return c.provider() + ":" + c.model();
    }

    String firstModel() {
        return models.get(0);
    }

    /** The model named {@code spec}, which must be one offered. */
    Model model(String spec) {
        if (unusable != null) {
            throw new JsonRpc.RpcError(JsonRpc.RpcError.INVALID_PARAMS, unusable);
        }
        if (!models.contains(spec)) {
            throw new JsonRpc.RpcError(JsonRpc.RpcError.INVALID_PARAMS, "unknown model '" + spec + "': choose one of "
                    + models);
        }
        Map<String, String> vars = new HashMap<>(env);
        vars.put(Models.MODEL_VARIABLE, spec);
        try {
            return Models.fromEnvironment(vars);
        } catch (AgentException e) {
            throw new JsonRpc.RpcError(JsonRpc.RpcError.INVALID_PARAMS, "model '" + spec + "' cannot be used: "
                    + e.getMessage());
        }
    }

    static ApprovalMode mode(String id) {
        for (ApprovalMode m : MODES) {
            if (m.flag().equals(id)) {
                return m;
            }
        }
        throw new JsonRpc.RpcError(JsonRpc.RpcError.INVALID_PARAMS, "unknown mode '" + id
                + "': use ask, workspace-write or full-access");
    }

    static String modeName(ApprovalMode m) {
        return switch (m) {
            case ASK -> "Ask before every change";
            case FULL_ACCESS -> "Full access";
            default -> "Edit the workspace, ask for commands";
        };
    }

    /** The {@code modes} of a session response. */
    static ObjectNode modes(ApprovalMode current) {
        ObjectNode o = AcpJson.object().put("currentModeId", current.flag());
        ArrayNode list = o.putArray("availableModes");
        for (ApprovalMode m : MODES) {
            list.add(AcpJson.object().put("id", m.flag()).put("name", modeName(m)));
        }
        return o;
    }

    /** The {@code configOptions}: the mode and the model selects. */
    ArrayNode options(ApprovalMode mode, String model) {
        ArrayNode out = AcpJson.array();
        ObjectNode modeSelect = AcpJson.object().put("id", "mode").put("name", "Approval mode").put("category", "mode")
                .put("type", "select").put("currentValue", mode.flag());
        ArrayNode modeValues = modeSelect.putArray("options");
        MODES.forEach(m -> modeValues.add(AcpJson.object().put("value", m.flag()).put("name", modeName(m))));
        out.add(modeSelect);
        ObjectNode modelSelect = AcpJson.object().put("id", "model").put("name", "Model").put("category", "model")
                .put("type", "select").put("currentValue", model);
        ArrayNode modelValues = modelSelect.putArray("options");
        models.forEach(m -> modelValues.add(AcpJson.object().put("value", m).put("name", m)));
        out.add(modelSelect);
        return out;
    }
}
