// SPDX-License-Identifier: Apache-2.0
/**
 * MCP interop on the official MCP Java SDK (its core with the Jackson 2 JSON module).
 *
 * <p>Client side: {@link org.openagention.mcp.McpClient} connects to one server over stdio or
 * streamable HTTP and offers its tools as {@link org.openagention.core.tool.Tool}s named
 * {@code server__tool}; {@link org.openagention.mcp.McpServers} connects several at once, usually
 * from an {@link org.openagention.mcp.McpManifest} (the {@code mcpServers} JSON layout).
 * Server side: {@link org.openagention.mcp.McpToolServer} serves any set of our tools (a
 * {@link org.openagention.core.tool.ToolRegistry} with its interceptors) over stdio or loopback
 * HTTP, and {@link org.openagention.mcp.McpServerMain} runs it as a process.
 *
 * <p>No MCP SDK or Jackson type appears in this package's signatures; JSON crosses it as
 * {@code String}. Everything in {@code org.openagention.mcp.internal} is implementation.
 */
package org.openagention.mcp;
