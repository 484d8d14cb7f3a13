// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli.acp;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.openagention.core.AgentException;
import org.openagention.core.ConfigurationException;
import org.openagention.core.providers.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code openagention acp}: the coding agent for an editor, speaking the Agent Client Protocol
 * (JSON-RPC over standard input and output) as Zed, JetBrains IDEs and Neovim's plugins expect of
 * an external agent. Each editor session is an agent on the editor's working directory, with the
 * CLI's approval modes, journals and model configuration; see {@link AcpAgent}.
 *
 * <p>Standard output carries only protocol messages: anything else written to it goes to standard
 * error instead. The process ends when the editor closes standard input.
 */
@Command(name = "acp", mixinStandardHelpOptions = true,
        description = "Serve the coding agent to an editor over the Agent Client Protocol (stdio).",
        footer = {"", "Configure your editor to start 'openagention acp' as an external agent, for example in Zed:",
                "  \"agent_servers\": { \"OpenAgention\": { \"command\": \"openagention\", \"args\": [\"acp\"] } }",
                "",
                "The model comes from the environment as for 'run' (OPENAGENTION_ACP_MODELS=provider:model,... adds"
                        + " models the editor may switch to). Sessions journal to CWD/.openagention/runs and can be"
                        + " loaded again after a restart."})
public final class AcpCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "PROVIDER:MODEL", description = "The default model (default: from the environment).")
    String model;

    @Option(names = "--approval", paramLabel = "MODE", defaultValue = "workspace-write",
            description = "The starting mode of new sessions: ask, workspace-write or full-access (default: ${DEFAULT-VALUE}).")
    String approval;

    @Option(names = "--journal-dir", paramLabel = "DIR", description = "Where journals go (default: the session's CWD/.openagention/runs).")
    Path journalDir;

    @Option(names = "--max-turns", paramLabel = "N", defaultValue = "50", description = "Turns per prompt (default: ${DEFAULT-VALUE}).")
    int maxTurns;

    @Override
    public Integer call() throws IOException {
        if (maxTurns < 1) {
            throw new ConfigurationException("--max-turns must be at least 1: " + maxTurns);
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        if (model != null && !model.isBlank()) {
            env.put(Models.MODEL_VARIABLE, model.strip());
        }
        SessionConfig config;
        try {
            config = new SessionConfig(env, SessionConfig.defaultModel(env));
            config.model(config.firstModel());
        } catch (AgentException | JsonRpc.RpcError e) {
            String problem = "no usable model for acp: " + e.getMessage()
                    + " (set ANTHROPIC_API_KEY, OPENAI_API_KEY or OPENAI_BASE_URL, or give --model)";
            if (model != null) {
                throw new ConfigurationException(problem); // a model asked for by name must work
            }
            // Nothing configured: answer initialize all the same and refuse sessions with the reason,
            // which the editor shows, instead of ending before the editor could hear why.
            System.err.println("openagention: " + problem);
            config = SessionConfig.unusable(env, problem);
        }
        try {
            SessionConfig.mode(approval);
        } catch (JsonRpc.RpcError e) {
            throw new ConfigurationException("--approval " + e.getMessage());
        }
        Path journals = journalDir == null ? null : journalDir.toAbsolutePath().normalize();
        if (journals != null) {
            Files.createDirectories(journals);
        }
        // System.in and System.out as they are now (the process's own, or what an in-process caller set)
        InputStream in = System.in;
        PrintStream out = System.out;
        System.setOut(System.err); // stdout is the protocol's: stray prints go to standard error
        try {
            JsonRpc rpc = new JsonRpc(in, out);
            EditorClient editor = new EditorClient(rpc);
            AcpAgent agent = new AcpAgent(new AcpAgent.Settings(config, SessionConfig.mode(approval), journals,
                    maxTurns, version()), editor);
            try (agent) {
                rpc.serve(agent);
            }
        } finally {
            System.setOut(out);
        }
        return 0;
    }

    private static String version() {
        Properties p = new Properties();
        try (InputStream in = AcpCommand.class.getResourceAsStream("/org/openagention/cli/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // unknown
        }
        return p.getProperty("version", "unknown");
    }
}
