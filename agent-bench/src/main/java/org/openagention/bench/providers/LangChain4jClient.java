// SPDX-License-Identifier: Apache-2.0
package org.openagention.bench.providers;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import java.net.http.HttpClient;

/** The peer: LangChain4j's AiServices with one tool, on the same server. */
final class LangChain4jClient {
    interface Assistant {
        @SystemMessage("Use the lookup tool for each number.")
        String chat(String input);
    }

    static final class LookupTools {
        @Tool("Looks up the value for a number.")
        String lookup(@P(name = "n", value = "the number") int n) {
            return "value-" + n;
        }
    }

    private final Assistant assistant;

    LangChain4jClient(String baseUrl) {
        OpenAiChatModel model = OpenAiChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey("sk-bench")
                .modelName("gpt-4o-mini")
                .maxRetries(0)
                .httpClientBuilder(new JdkHttpClientBuilder()
                        .httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)))
                .build();
        this.assistant = AiServices.builder(Assistant.class).chatModel(model).tools(new LookupTools()).build();
    }

    String run(String input) {
        return assistant.chat(input);
    }
}
