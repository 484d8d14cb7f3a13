// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli.acp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openagention.tools.Approver;

/**
 * The person in the editor decides what the session's approval policy asks about, through
 * {@code session/request_permission}: allow once, allow always (every later call of that tool in
 * this session runs without asking), reject once, reject always (every later call of that tool in
 * this session is denied without asking). A cancelled prompt, or an editor that does not answer,
 * denies. Rules of the policy that deny still deny: the editor is only asked what the policy asks.
 * Thread-safe.
 */
final class EditorApprover implements Approver {
    private final String sessionId;
    private final Path cwd;
    private final EditorClient editor;
    private final Set<String> allowed = ConcurrentHashMap.newKeySet();
    private final Set<String> rejected = ConcurrentHashMap.newKeySet();

    EditorApprover(String sessionId, Path cwd, EditorClient editor) {
        this.sessionId = sessionId;
        this.cwd = cwd;
        this.editor = editor;
    }

    @Override
    public Answer decide(Request request) throws InterruptedException {
        String tool = request.call().name();
        if (allowed.contains(tool)) {
            return Answer.approve("allowed in the editor (always for " + tool + " in this session)");
        }
        if (rejected.contains(tool)) {
            return Answer.deny("rejected in the editor (always for " + tool + " in this session)");
        }
        ObjectNode params = AcpJson.object().put("sessionId", sessionId);
        params.set("toolCall", ToolCallView.announced(request.call(), cwd).without("sessionUpdate"));
        ArrayNode options = AcpJson.array();
        options.add(option("allow-once", "Allow", "allow_once"));
        options.add(option("allow-always", "Always allow " + tool, "allow_always"));
        options.add(option("reject-once", "Reject", "reject_once"));
        options.add(option("reject-always", "Always reject " + tool, "reject_always"));
        params.set("options", options);
        JsonNode outcome = editor.call("session/request_permission", params).path("outcome");
        if (!outcome.path("outcome").asText().equals("selected")) {
            return Answer.deny("the prompt was cancelled before the person in the editor decided on this " + tool
                    + " call");
        }
        switch (outcome.path("optionId").asText()) {
            case "allow-always":
                allowed.add(tool);
                return Answer.approve("allowed in the editor (always for " + tool + " in this session)");
            case "allow-once":
                return Answer.approve("allowed in the editor");
            case "reject-always":
                rejected.add(tool);
                return Answer.deny("the person in the editor rejected " + tool + " for the rest of this session"
                        + " (rule '" + request.rule() + "')");
            default:
                return Answer.deny("the person in the editor rejected this " + tool + " call (rule '"
                        + request.rule() + "')");
        }
    }

    private static ObjectNode option(String id, String name, String kind) {
        return AcpJson.object().put("optionId", id).put("name", name).put("kind", kind);
    }

    @Override
    public String name() {
        return "editor";
    }
}
