// SPDX-License-Identifier: Apache-2.0
package org.openagention.bench.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The floor: the same six-call run written with nothing but {@link HttpClient} and Jackson, the
 * least any client must do (build the request, send it, parse the answer, run the tool).
 */
final class FloorClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Sends a request body and returns the response body. */
    interface Exchange {
        byte[] post(byte[] body) throws IOException, InterruptedException;
    }

    private final Exchange exchange;
    private final ArrayNode tools;

    /** Over HTTP: one POST per call, as the other clients do. */
    FloorClient(HttpClient client, String baseUrl) {
        this(http(client, URI.create(baseUrl + "/chat/completions")));
    }

    /** Over any exchange (the HTTP-free benchmark passes the server's reply function). */
    FloorClient(Exchange exchange) {
        this.exchange = exchange;
        this.tools = MAPPER.createArrayNode();
        ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
        fn.put("name", "lookup").put("description", "Looks up the value for a number.");
        ObjectNode params = fn.putObject("parameters").put("type", "object");
        params.putObject("properties").putObject("n").put("type", "integer");
        params.putArray("required").add("n");
    }

    String run(String input) throws IOException, InterruptedException {
        ArrayNode messages = MAPPER.createArrayNode();
        messages.addObject().put("role", "system").put("content", "Use the lookup tool for each number.");
        messages.addObject().put("role", "user").put("content", input);
        while (true) {
            ObjectNode request = MAPPER.createObjectNode().put("model", "gpt-4o-mini");
            request.set("messages", messages);
            request.set("tools", tools);
            JsonNode root = MAPPER.readTree(exchange.post(MAPPER.writeValueAsBytes(request)));
            JsonNode message = root.get("choices").get(0).get("message");
            JsonNode calls = message.get("tool_calls");
            if (calls == null || calls.isEmpty()) {
                return message.get("content").asText();
            }
            messages.add(message);
            for (JsonNode call : calls) {
                int n = MAPPER.readTree(call.get("function").get("arguments").asText()).get("n").asInt();
                messages.addObject().put("role", "tool").put("tool_call_id", call.get("id").asText())
                        .put("content", "value-" + n);
            }
        }
    }

    private static Exchange http(HttpClient client, URI uri) {
        return body -> {
            HttpRequest http = HttpRequest.newBuilder(uri)
                    .header("content-type", "application/json")
                    .header("authorization", "Bearer sk-bench")
                    .version(HttpClient.Version.HTTP_1_1)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<byte[]> response = client.send(http, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("status " + response.statusCode());
            }
            return response.body();
        };
    }
}
