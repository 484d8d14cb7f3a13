// A small MCP server on the official TypeScript SDK whose tool list grows at run time: calling
// "grow" registers "extra", and the SDK then sends notifications/tools/list_changed.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "growing", version: "1.0.0" }, { capabilities: { tools: { listChanged: true } } });
server.registerTool("grow", { description: "Adds a tool named extra", inputSchema: {} }, async () => {
  server.registerTool("extra", { description: "A tool added at run time", inputSchema: { word: z.string() } },
    async ({ word }) => ({ content: [{ type: "text", text: "extra says " + word }] }));
  return { content: [{ type: "text", text: "added extra" }] };
});
await server.connect(new StdioServerTransport());
