// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openagention.core.internal.Codecs;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.message.UserMessage;
import org.openagention.core.model.Model;
import org.openagention.core.model.ModelException;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;

/**
 * A {@link Model} that replays a recorded session instead of calling a provider, and checks at every
 * step that it is being asked what was recorded.
 *
 * <p>A session is one conversation (the planner, one attempt of one worker, one review). A request
 * belongs to the session its first user message was bound to; a conversation not yet seen is bound
 * to the first unused session whose {@code match} strings all appear in that first message. Each
 * step's {@code expect} says what the request must show: {@code results} (strings the last tool
 * results must contain), {@code ok} (whether they all succeeded), {@code user} (strings the last
 * user message must contain). Requests from parallel workers may arrive in any order: each is
 * matched to its own conversation.
 *
 * <p>When the run diverges from the recording (an unknown conversation, a tool result that differs,
 * more turns than recorded) the call fails with a {@link ModelException} saying where and how, and
 * {@link #divergence()} keeps the first such problem. Responses are in the journal's codec format
 * ({@code model.response} entries), except that a tool use's {@code arguments} may be written as a
 * JSON object rather than a string. Thread-safe.
 *
 * <p>The format, one object:
 * <pre>{@code
 * {"name": "fix-the-cart", "model": "recorded",
 *  "sessions": [
 *    {"name": "worker-cart", "match": ["Fix the cart"],
 *     "steps": [
 *       {"response": {"content": [{"type": "tool_use", "id": "c1", "name": "read_file",
 *                                  "arguments": {"path": "src/Cart.java"}}]}},
 *       {"expect": {"results": ["class Cart"], "ok": true},
 *        "response": {"content": [{"type": "text", "text": "Fixed."}]}}]}]}
 * }</pre>
 *
 * <pre>{@code
 * ReplayModel model = ReplayModel.fromJson(Files.readString(Path.of("session.json")));
 * RunResult result = agent.run("Fix the cart", RunOptions.defaults());
 * model.divergence().ifPresent(System.err::println);
 * }</pre>
 */
public final class ReplayModel implements Model {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final List<Session> sessions;
    private final Map<String, Session> bound = new HashMap<>();
    private String divergence;

    private ReplayModel(String name, List<Session> sessions) {
        this.name = name;
        this.sessions = sessions;
    }

    private record Step(List<String> results, Boolean ok, List<String> user, ModelResponse response) {}

    private static final class Session {
        final String name;
        final List<String> match;
        final List<Step> steps;
        boolean used;
        int next;

        Session(String name, List<String> match, List<Step> steps) {
            this.name = name;
            this.match = match;
            this.steps = steps;
        }
    }

    /**
     * A model replaying the recorded session {@code json}.
     *
     * @throws IllegalArgumentException when it is not JSON
     */
    public static ReplayModel fromJson(String json) {
        try {
            return parse(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the recorded session is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static ReplayModel parse(JsonNode root) {
        String model = root.path("model").asText("recorded");
        List<Session> sessions = new ArrayList<>();
        for (JsonNode s : root.path("sessions")) {
            String sessionName = s.path("name").asText();
            List<Step> steps = new ArrayList<>();
            int n = 0;
            for (JsonNode st : s.path("steps")) {
                n++;
                JsonNode expect = st.path("expect");
                steps.add(new Step(strings(expect.path("results")),
                        expect.has("ok") ? expect.get("ok").asBoolean() : null, strings(expect.path("user")),
                        response(st.path("response"), model, sessionName + "-" + n)));
            }
            sessions.add(new Session(sessionName, strings(s.path("match")), steps));
        }
        return new ReplayModel("replay:" + root.path("name").asText("recorded-session"), sessions);
    }

    private static ModelResponse response(JsonNode r, String model, String id) {
        ObjectNode n = r.deepCopy();
        boolean tools = false;
        for (JsonNode c : n.withArray("content")) {
            if (c.path("type").asText().equals("tool_use")) {
                tools = true;
                JsonNode args = c.get("arguments");
                if (args != null && !args.isTextual()) {
                    ((ObjectNode) c).put("arguments", args.toString());
                }
            }
        }
        if (!n.has("id")) {
            n.put("id", id);
        }
        if (!n.has("model")) {
            n.put("model", model);
        }
        if (!n.has("finish")) {
            n.put("finish", tools ? "TOOL_USE" : "END_TURN");
        }
        return Codecs.responseFromJson(n);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array instanceof ArrayNode a) {
            a.forEach(v -> out.add(v.asText()));
        } else if (array.isTextual()) {
            out.add(array.asText());
        }
        return out;
    }

    @Override
    public synchronized ModelResponse complete(ModelRequest request) {
        String first = firstUserText(request.messages());
        Session s = bound.get(first);
        if (s == null) {
            s = sessions.stream().filter(c -> !c.used && c.match.stream().allMatch(first::contains)).findFirst()
                    .orElse(null);
            if (s == null) {
                throw diverge("no recorded conversation starts like this request: " + abbreviate(first, 200));
            }
            s.used = true;
            bound.put(first, s);
        }
        if (s.next >= s.steps.size()) {
            throw diverge("conversation '" + s.name + "' asked the model a " + ordinal(s.next + 1)
                    + " time, but only " + s.steps.size() + " responses were recorded");
        }
        Step step = s.steps.get(s.next);
        String problem = problem(step, request.messages());
        if (problem != null) {
            throw diverge("conversation '" + s.name + "' step " + (s.next + 1) + ": " + problem);
        }
        s.next++;
        return step.response();
    }

    private static String problem(Step step, List<Message> messages) {
        Message last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (!step.results().isEmpty() || step.ok() != null) {
            if (!(last instanceof ToolResultMessage results)) {
                return "expected tool results, but the last message is " + (last == null ? "missing" : last.getClass().getSimpleName());
            }
            StringBuilder text = new StringBuilder();
            boolean anyError = false;
            for (Content.ToolOutput o : results.outputs()) {
                text.append(o.result().text()).append('\n');
                anyError |= o.result().isError();
            }
            if (step.ok() != null && step.ok() == anyError) {
                return "expected the tool calls to " + (step.ok() ? "succeed" : "fail") + ", but they "
                        + (anyError ? "failed" : "succeeded") + ": " + abbreviate(text.toString(), 400);
            }
            for (String want : step.results()) {
                if (!text.toString().contains(want)) {
                    return "expected the tool results to contain '" + want + "', but they were: "
                            + abbreviate(text.toString(), 400);
                }
            }
        }
        if (!step.user().isEmpty()) {
            String text = last instanceof UserMessage u ? u.text() : "";
            for (String want : step.user()) {
                if (!text.contains(want)) {
                    return "expected the last user message to contain '" + want + "', but it was: " + abbreviate(text, 300);
                }
            }
        }
        return null;
    }

    private ModelException diverge(String problem) {
        String message = "the recorded session diverged from this run: " + problem;
        if (divergence == null) {
            divergence = message;
        }
        return new ModelException(message);
    }

    /** The first divergence from the recording, if any. */
    public synchronized Optional<String> divergence() {
        return Optional.ofNullable(divergence);
    }

    /** Recorded conversations that were not played to their end. */
    public synchronized List<String> unplayed() {
        List<String> out = new ArrayList<>();
        for (Session s : sessions) {
            if (s.next < s.steps.size()) {
                out.add(s.name + " (" + s.next + " of " + s.steps.size() + " responses played)");
            }
        }
        return out;
    }

    private static String firstUserText(List<Message> messages) {
        for (Message m : messages) {
            if (m instanceof UserMessage u) {
                return u.text();
            }
        }
        return "";
    }

    private static String abbreviate(String s, int max) {
        String one = s.strip().replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max) + "...";
    }

    private static String ordinal(int n) {
        return n + (n % 10 == 1 && n % 100 != 11 ? "st" : n % 10 == 2 && n % 100 != 12 ? "nd"
                : n % 10 == 3 && n % 100 != 13 ? "rd" : "th");
    }

    @Override
    public String name() {
        return name;
    }
}
