// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class McpConsoleTest {
    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{"
            + "\"name\":{\"type\":\"string\",\"description\":\"Your name\"},"
            + "\"age\":{\"type\":\"integer\",\"default\":30},"
            + "\"subscribe\":{\"type\":\"boolean\"}}}";

    private static McpElicitation answer(String typed, ByteArrayOutputStream shown) {
        return McpConsole.elicitation(new BufferedReader(new StringReader(typed)), new PrintStream(shown, true, StandardCharsets.UTF_8))
                .elicit("deploy", "Who are you?", SCHEMA);
    }

    @Test
    void asksEachFieldAndLeavesEmptyOnesToTheirDefaults() {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        McpElicitation a = answer("y\nAda\nforty\n\nyes\n", shown);
        assertThat(a.accepted()).isTrue();
        assertThat(a.contentJson()).contains("{\"name\":\"Ada\",\"subscribe\":true}");
        String text = shown.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("MCP server 'deploy' asks: Who are you?").contains("name (Your name)").contains("age [30]")
                .contains("not a integer: forty");
    }

    @Test
    void noDeclinesAndTheEndOfInputCancels() {
        assertThat(answer("n\n", new ByteArrayOutputStream())).isEqualTo(McpElicitation.decline());
        assertThat(answer("", new ByteArrayOutputStream())).isEqualTo(McpElicitation.cancel());
        assertThat(answer("y\nAda\n", new ByteArrayOutputStream())).isEqualTo(McpElicitation.cancel());
    }

    @Test
    void theBrowserStepWaitsForTheRedirectOnTheLoopbackUri() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI redirect = URI.create("http://127.0.0.1:" + port + "/callback");
        URI auth = URI.create("https://auth.example.com/authorize?client_id=x");
        HttpClient http = HttpClient.newHttpClient();
        McpOAuth.Browser browser = McpConsole.browser(System.err, url -> {
            assertThat(url).isEqualTo(auth);
            // The person signs in; the authorization server sends their browser back to us.
            http.sendAsync(HttpRequest.newBuilder(URI.create(redirect + "?code=abc&state=s1")).build(),
                    HttpResponse.BodyHandlers.ofString());
        });
        URI back = browser.authorize(auth, redirect);
        assertThat(back.getRawQuery()).isEqualTo("code=abc&state=s1");
        assertThat(back.getPath()).isEqualTo("/callback");
    }
}
