// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openagention.core.internal.Json;
import org.openagention.core.message.Message;
import org.openagention.core.model.ModelRequest;

class OpenAiChatRequestsTest {

    private static JsonNode write(ModelRequest r, boolean openAiItself) throws Exception {
        byte[] body = OpenAiChatRequests.write(r, new OpenAiChatRequests.Options("default-model", openAiItself, false), false);
        return Json.parse(new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void namesTheOutputCapForTheServerItGoesTo() throws Exception {
        ModelRequest r = ModelRequest.builder().addMessage(Message.user("hi")).maxOutputTokens(64).build();
        assertThat(write(r, true).get("max_completion_tokens").asInt()).isEqualTo(64);
        assertThat(write(r, true).has("max_tokens")).isFalse();
        assertThat(write(r, false).get("max_tokens").asInt()).isEqualTo(64);
    }

    @Test
    void aRunsRequestsShareOnePromptCacheKeyWhenAskedFor() throws Exception {
        ModelRequest r = ModelRequest.builder().addMessage(Message.user("hi")).putMetadata("run_id", "run-42").build();
        OpenAiChatRequests.Options keyed = new OpenAiChatRequests.Options("m", true, false, true);
        JsonNode first = Json.parse(new String(OpenAiChatRequests.write(r, keyed, false), StandardCharsets.UTF_8));
        JsonNode streamed = Json.parse(new String(OpenAiChatRequests.write(r, keyed, true), StandardCharsets.UTF_8));
        assertThat(first.get("prompt_cache_key").asText()).matches("oa-[0-9a-f]{32}")
                .isEqualTo(streamed.get("prompt_cache_key").asText())
                .isNotEqualTo(OpenAiChatRequests.cacheKey("run-43"));
        assertThat(write(r, true).has("prompt_cache_key")).as("off unless asked for").isFalse();
        assertThat(Json.parse(new String(OpenAiChatRequests.write(ModelRequest.builder().build(), keyed, false),
                StandardCharsets.UTF_8)).has("prompt_cache_key")).as("no run, no key").isFalse();
    }

    @Test
    void usesTheRequestsModelOverTheDefaultAndLeavesOutUnsetOptions() throws Exception {
        JsonNode plain = write(ModelRequest.builder().addMessage(Message.user("hi")).build(), false);
        assertThat(plain.get("model").asText()).isEqualTo("default-model");
        assertThat(plain.has("tools")).isFalse();
        assertThat(plain.has("temperature")).isFalse();
        assertThat(plain.has("stream")).isFalse();
        assertThat(write(ModelRequest.builder().model("other").build(), false).get("model").asText()).isEqualTo("other");
    }

    @Test
    void escapesTextThatLooksLikeJson() throws Exception {
        String tricky = "quote \" backslash \\ newline \n and \u2028 \"}]";
        JsonNode body = write(ModelRequest.builder().addMessage(Message.user(tricky)).build(), false);
        assertThat(body.at("/messages/0/content").asText()).isEqualTo(tricky);
    }
}
