// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.boot;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code openagention.mcp.*} properties: MCP servers whose tools agents get, connected at
 * start-up through agent-mcp (when it is on the class path). Each server is a command (stdio) or a
 * URL (streamable HTTP), never both:
 *
 * <pre>
 * openagention.mcp.servers.files.command=npx
 * openagention.mcp.servers.files.args=-y,@modelcontextprotocol/server-filesystem,/srv/docs
 * openagention.mcp.servers.docs.url=http://127.0.0.1:3001/mcp
 * openagention.mcp.servers.docs.headers.Authorization=Bearer ${DOCS_TOKEN}
 * </pre>
 */
@ConfigurationProperties("openagention.mcp")
public class McpProperties {
    /** The MCP servers, by name (the prefix of their tools' names: name__tool). */
    private Map<String, Server> servers = new LinkedHashMap<>();
    /** Longest wait for one tool call; agent-mcp's default when unset. */
    private Duration callTimeout;
    /** Longest wait to connect to a server; agent-mcp's default when unset. */
    private Duration connectTimeout;

    public Map<String, Server> getServers() {
        return servers;
    }

    public void setServers(Map<String, Server> servers) {
        this.servers = servers;
    }

    public Duration getCallTimeout() {
        return callTimeout;
    }

    public void setCallTimeout(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** One MCP server: command (and args, env, working directory) for stdio, or url (and headers) for HTTP. */
    public static class Server {
        /** The command that starts a stdio server. */
        private String command;
        /** The command's arguments. */
        private List<String> args = new ArrayList<>();
        /** Variables added to the stdio server's environment. */
        private Map<String, String> env = new LinkedHashMap<>();
        /** The stdio server's working directory; this process's by default. */
        private Path workingDirectory;
        /** The streamable HTTP endpoint of a remote server, such as http://127.0.0.1:3001/mcp. */
        private URI url;
        /** Headers sent with every request to an HTTP server. */
        private Map<String, String> headers = new LinkedHashMap<>();

        public String getCommand() {
            return command;
        }

        public void setCommand(String command) {
            this.command = command;
        }

        public List<String> getArgs() {
            return args;
        }

        public void setArgs(List<String> args) {
            this.args = args;
        }

        public Map<String, String> getEnv() {
            return env;
        }

        public void setEnv(Map<String, String> env) {
            this.env = env;
        }

        public Path getWorkingDirectory() {
            return workingDirectory;
        }

        public void setWorkingDirectory(Path workingDirectory) {
            this.workingDirectory = workingDirectory;
        }

        public URI getUrl() {
            return url;
        }

        public void setUrl(URI url) {
            this.url = url;
        }

        public Map<String, String> getHeaders() {
            return headers;
        }

        public void setHeaders(Map<String, String> headers) {
            this.headers = headers;
        }
    }
}
