// SPDX-License-Identifier: Apache-2.0
// A scripted editor on the ACP TypeScript SDK's client side, for AcpEndToEndTest. It spawns the agent
// (AGENT_COMMAND, a JSON array), plays one phase of the scenario (argv[2]: "first" or "again") on the
// workspace WORKSPACE, and prints one JSON object per line: everything the agent sent and each answer.
import { spawn } from "node:child_process";
import { Readable, Writable } from "node:stream";
import { readFileSync, writeFileSync } from "node:fs";
import { client, ndJsonStream, PROTOCOL_VERSION } from "@agentclientprotocol/sdk";

const phase = process.argv[2];
const workspace = process.env.WORKSPACE;
const [command, ...args] = JSON.parse(process.env.AGENT_COMMAND);
const log = (kind, value) => process.stdout.write(JSON.stringify({ kind, value }) + "\n");

const agentProcess = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"] });
const terminals = new Map();
let nextTerminal = 0;
let connection;
let sessionId;

const app = client({ name: "scripted-editor" })
  .onNotification("session/update", ({ params }) => log("update", params))
  .onRequest("session/request_permission", async ({ params }) => {
    log("permission", params);
    if (JSON.stringify(params.toolCall.rawInput ?? {}).includes("sleep")) {
      // The person presses stop while the agent waits: cancel, then withdraw the question.
      await connection.agent.notify("session/cancel", { sessionId: params.sessionId });
      return { outcome: { outcome: "cancelled" } };
    }
    return { outcome: { outcome: "selected", optionId: params.options.find((o) => o.kind === "allow_once").optionId } };
  })
  .onRequest("fs/read_text_file", ({ params }) => {
    log("fs/read_text_file", params);
    // In the second phase the person has typed into the file without saving it.
    const unsaved = phase === "again" ? "Buy bread (unsaved).\n" : "";
    return { content: readFileSync(params.path, "utf8") + unsaved };
  })
  .onRequest("fs/write_text_file", ({ params }) => {
    log("fs/write_text_file", params);
    writeFileSync(params.path, params.content);
    return {};
  })
  .onRequest("terminal/create", ({ params }) => {
    log("terminal/create", params);
    const id = "term-" + nextTerminal++;
    const proc = spawn(params.command, params.args ?? [], { cwd: params.cwd ?? workspace });
    const t = { output: "", exit: null };
    proc.stdout.on("data", (d) => (t.output += d));
    proc.stderr.on("data", (d) => (t.output += d));
    t.exited = new Promise((resolve) => proc.on("close", (code, signal) => resolve((t.exit = { exitCode: code, signal }))));
    t.proc = proc;
    terminals.set(id, t);
    return { terminalId: id };
  })
  .onRequest("terminal/wait_for_exit", async ({ params }) => terminals.get(params.terminalId).exited)
  .onRequest("terminal/output", ({ params }) => {
    const t = terminals.get(params.terminalId);
    return { output: t.output, truncated: false, exitStatus: t.exit };
  })
  .onRequest("terminal/kill", ({ params }) => {
    terminals.get(params.terminalId).proc.kill();
    return {};
  })
  .onRequest("terminal/release", ({ params }) => {
    log("terminal/release", params);
    terminals.delete(params.terminalId);
    return {};
  });

connection = app.connect(ndJsonStream(Writable.toWeb(agentProcess.stdin), Readable.toWeb(agentProcess.stdout)));
const agent = connection.agent;

try {
  const init = await agent.request("initialize", {
    protocolVersion: PROTOCOL_VERSION,
    clientCapabilities: { fs: { readTextFile: true, writeTextFile: true }, terminal: true },
    clientInfo: { name: "scripted-editor", version: "1.0.0" },
  });
  log("initialize", init);
  if (phase === "first") {
    const session = await agent.request("session/new", { cwd: workspace, mcpServers: [] });
    sessionId = session.sessionId;
    log("session/new", session);
    const mode = await agent.request("session/set_mode", { sessionId, modeId: "workspace-write" });
    log("session/set_mode", mode);
    const first = await agent.request("session/prompt", {
      sessionId,
      prompt: [
        { type: "text", text: "Fix the typo in the selection." },
        { type: "resource", resource: { uri: "file://" + workspace + "/notes.txt", mimeType: "text/plain", text: "Remember teh milk." } },
        { type: "resource_link", uri: "file://" + workspace + "/notes.txt", name: "notes.txt" },
      ],
    });
    log("prompt", first);
    const second = await agent.request("session/prompt", { sessionId, prompt: [{ type: "text", text: "Now wait for the slow build." }] });
    log("prompt", second);
  } else {
    sessionId = process.env.SESSION_ID;
    const loaded = await agent.request("session/load", { sessionId, cwd: workspace, mcpServers: [] });
    log("session/load", loaded);
    const third = await agent.request("session/prompt", { sessionId, prompt: [{ type: "text", text: "What did you change?" }] });
    log("prompt", third);
  }
} catch (e) {
  log("error", { message: String(e?.message ?? e), data: e?.data ?? null });
} finally {
  agentProcess.stdin.end();
  const code = await new Promise((resolve) => agentProcess.on("close", resolve));
  log("agent-exit", code);
  process.exit(0);
}
