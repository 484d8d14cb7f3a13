// SPDX-License-Identifier: Apache-2.0
package org.openagention.otel.internal;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The attribute names this module emits: the GenAI semantic conventions' (v1.41.0), the general
 * {@code error.type}, and our own under {@code openagention.*}. Our own constants rather than the
 * incubating semconv artifact, whose names change between releases.
 */
public final class GenAi {
    private GenAi() {}

    /** The semantic conventions version followed, as a schema URL for tracers and meters. */
    public static final String SCHEMA_URL = "https://opentelemetry.io/schemas/1.41.0";

    public static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");
    public static final AttributeKey<String> PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");
    public static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey("gen_ai.agent.name");
    public static final AttributeKey<String> CONVERSATION_ID = AttributeKey.stringKey("gen_ai.conversation.id");
    public static final AttributeKey<String> WORKFLOW_NAME = AttributeKey.stringKey("gen_ai.workflow.name");
    public static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    public static final AttributeKey<Long> REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    public static final AttributeKey<Double> REQUEST_TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
    public static final AttributeKey<List<String>> REQUEST_STOP_SEQUENCES =
            AttributeKey.stringArrayKey("gen_ai.request.stop_sequences");
    public static final AttributeKey<String> OUTPUT_TYPE = AttributeKey.stringKey("gen_ai.output.type");
    public static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    public static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
    public static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS =
            AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    public static final AttributeKey<Long> USAGE_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    public static final AttributeKey<Long> USAGE_OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    public static final AttributeKey<Long> USAGE_CACHE_READ_INPUT_TOKENS =
            AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
    public static final AttributeKey<Long> USAGE_CACHE_CREATION_INPUT_TOKENS =
            AttributeKey.longKey("gen_ai.usage.cache_creation.input_tokens");
    public static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
    public static final AttributeKey<String> TOOL_CALL_ID = AttributeKey.stringKey("gen_ai.tool.call.id");
    public static final AttributeKey<String> TOOL_TYPE = AttributeKey.stringKey("gen_ai.tool.type");
    public static final AttributeKey<String> TOOL_DESCRIPTION = AttributeKey.stringKey("gen_ai.tool.description");
    public static final AttributeKey<String> TOOL_CALL_ARGUMENTS = AttributeKey.stringKey("gen_ai.tool.call.arguments");
    public static final AttributeKey<String> TOOL_CALL_RESULT = AttributeKey.stringKey("gen_ai.tool.call.result");
    public static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
    public static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
    public static final AttributeKey<String> SYSTEM_INSTRUCTIONS = AttributeKey.stringKey("gen_ai.system_instructions");
    public static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    public static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");

    public static final String CHAT = "chat";
    public static final String INVOKE_AGENT = "invoke_agent";
    public static final String EXECUTE_TOOL = "execute_tool";
    public static final String INVOKE_WORKFLOW = "invoke_workflow";

    // Ours: what the conventions have no name for.
    public static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("openagention.run.id");
    public static final AttributeKey<Long> TURN = AttributeKey.longKey("openagention.turn");
    public static final AttributeKey<Boolean> RESUMED = AttributeKey.booleanKey("openagention.run.resumed");
    public static final AttributeKey<String> STOP_REASON = AttributeKey.stringKey("openagention.stop_reason");
    public static final AttributeKey<Long> TURNS = AttributeKey.longKey("openagention.turns");
    public static final AttributeKey<Double> COST_USD = AttributeKey.doubleKey("openagention.cost_usd");
    public static final AttributeKey<String> TASK_ID = AttributeKey.stringKey("openagention.task.id");
    public static final AttributeKey<String> TASK_STATE = AttributeKey.stringKey("openagention.task.state");
    public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("openagention.attempt");
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("openagention.outcome");
    public static final AttributeKey<Long> TOKENS = AttributeKey.longKey("openagention.tokens");
    public static final AttributeKey<String> REVIEW_DECISION = AttributeKey.stringKey("openagention.review.decision");
    public static final AttributeKey<String> REVIEWER = AttributeKey.stringKey("openagention.reviewer");
    public static final AttributeKey<Boolean> MERGED = AttributeKey.booleanKey("openagention.merge.merged");
    public static final AttributeKey<Long> MERGE_FILES = AttributeKey.longKey("openagention.merge.files");
    public static final AttributeKey<String> CONFLICT_TASK = AttributeKey.stringKey("openagention.merge.conflict_task");
    public static final AttributeKey<Long> TASKS = AttributeKey.longKey("openagention.tasks");
    public static final AttributeKey<String> RUN_STATUS = AttributeKey.stringKey("openagention.run.status");
}
