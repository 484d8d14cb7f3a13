// SPDX-License-Identifier: Apache-2.0
/**
 * MCP interop on the official MCP Java SDK: MCP servers' tools offered to agents, and agent tools
 * served to MCP clients over stdio or streamable HTTP.
 */
module org.openagention.mcp {
    requires transitive org.openagention.core;
    requires org.openagention.tools;
    requires com.fasterxml.jackson.databind;
    requires io.modelcontextprotocol.sdk.mcp.core;
    requires io.modelcontextprotocol.sdk.mcp.json.jackson2;
    requires reactor.core;
    requires org.reactivestreams;
    requires jdk.httpserver;
    requires java.net.http;
    requires org.slf4j;

    exports org.openagention.mcp;

    opens org.openagention.mcp.internal to com.fasterxml.jackson.databind;
}
