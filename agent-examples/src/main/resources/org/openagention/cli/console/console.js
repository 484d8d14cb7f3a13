// SPDX-License-Identifier: Apache-2.0
// The OpenAgention web console: renders the state that /api/events sends (server-sent events) and
// sends allow/deny decisions. Everything is built with textContent: run data is never parsed as HTML.
"use strict";

const STATUS = { RUNNING: "Running", WAITING: "Waiting for approval", COMPLETED: "Completed", STOPPED: "Stopped",
  CANCELLED: "Cancelled", TIMEOUT: "Timed out", MAX_TURNS: "Turn limit reached", FAILED: "Failed" };

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("data-") || k.startsWith("aria-") || k === "href" || k === "type") e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

function approvalItem(a) {
  const what = a.tool + " in run " + a.runId;
  const allow = el("button", { type: "button", class: "allow", text: "Allow", "data-key": "allow-" + a.id,
    "aria-label": "Allow " + what });
  const deny = el("button", { type: "button", class: "deny", text: "Deny", "data-key": "deny-" + a.id,
    "aria-label": "Deny " + what });
  allow.addEventListener("click", () => decide(a, "allow", [allow, deny]));
  deny.addEventListener("click", () => decide(a, "deny", [allow, deny]));
  return el("li", { class: "approval", "data-id": a.id },
    el("h3", { text: a.tool + " wants to run" }),
    el("p", { class: "meta", text: "Run " + a.runId + (a.agentRunId !== a.runId ? " (agent " + a.agentRunId + ")" : "")
      + " · asked " + new Date(a.askedAt).toLocaleTimeString() + " · rule: " + a.rule }),
    el("pre", { text: a.arguments }),
    el("div", { class: "actions" }, allow, deny));
}

async function decide(a, decision, buttons) {
  buttons.forEach((b) => (b.disabled = true));
  const status = document.getElementById("decided");
  try {
    const r = await fetch("/api/approvals/" + encodeURIComponent(a.id), { method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "decision=" + decision });
    status.textContent = r.ok ? (decision === "allow" ? "Allowed " : "Denied ") + a.tool + " in run " + a.runId + "."
      : "The decision was not taken: " + (await r.text());
    if (!r.ok) buttons.forEach((b) => (b.disabled = false));
  } catch (e) {
    status.textContent = "The decision could not be sent: " + e.message;
    buttons.forEach((b) => (b.disabled = false));
  }
}

function renderApprovals(list) {
  const ul = document.getElementById("approvals");
  const wanted = new Set(list.map((a) => a.id));
  for (const li of [...ul.children]) if (!wanted.has(li.dataset.id)) li.remove();
  const have = new Set([...ul.children].map((li) => li.dataset.id));
  for (const a of list) if (!have.has(a.id)) ul.append(approvalItem(a));
  document.getElementById("no-approvals").hidden = list.length > 0;
}

function runItem(r) {
  const status = r.waiting && r.status === "RUNNING" ? "WAITING" : r.status;
  const meta = [r.orchestrated ? "orchestrated" : "single agent", r.turns + (r.turns === 1 ? " turn" : " turns"),
    r.toolCalls + (r.toolCalls === 1 ? " tool call" : " tool calls"), r.tokens + " tokens"];
  if (r.costUsd > 0) meta.push("$" + r.costUsd.toFixed(4));
  const li = el("li", { class: "run", "data-run": r.id, "data-status": status },
    el("h3", { text: r.goal || r.id }),
    el("p", { class: "meta" }, el("span", { class: "badge status-" + status, text: STATUS[status] || status }),
      " " + meta.join(" · ")),
    el("p", { class: "meta", text: "Run " + r.id + (r.started ? " · started " + new Date(r.started).toLocaleString() : "") }));
  if (r.detail) li.append(el("p", { class: "meta", text: r.detail }));
  if (r.tasks.length > 0) {
    const ul = el("ul", { class: "tasks", "aria-label": "Tasks of run " + r.id });
    for (const t of r.tasks) {
      ul.append(el("li", {}, el("code", { text: t.id }), " ",
        el("span", { class: "badge state-" + t.state, text: t.state.toLowerCase() }),
        t.attempts > 1 ? " (" + t.attempts + " attempts)" : "", " " + t.goal));
    }
    li.append(ul);
  }
  if (r.recentCalls.length > 0) {
    const ol = el("ol", { class: "calls", "aria-label": "Latest tool calls of run " + r.id });
    for (const c of r.recentCalls) {
      ol.append(el("li", { class: "call-" + c.state }, el("code", { text: c.tool }), " " + c.arguments + " — " + c.state
        + (c.result ? ": " + c.result : "")));
    }
    li.append(ol);
  }
  if (r.status !== "RUNNING") {
    li.append(el("p", {}, el("a", { href: "/runs/" + encodeURIComponent(r.id) + "/report", "data-key": "report-" + r.id,
      text: "Report of run " + r.id })));
  }
  return li;
}

function renderRuns(state) {
  const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.key : null;
  const ul = document.getElementById("runs");
  ul.replaceChildren(...state.runs.map(runItem));
  document.getElementById("no-runs").hidden = state.runs.length > 0;
  document.getElementById("journal-dir").textContent = "Journal directory: " + state.journalDir;
  if (focused && focused.startsWith("report-")) {
    const again = ul.querySelector('[data-key="' + CSS.escape(focused) + '"]');
    if (again) again.focus();
  }
}

function connect() {
  const connection = document.getElementById("connection");
  const events = new EventSource("/api/events");
  events.addEventListener("state", (e) => {
    const state = JSON.parse(e.data);
    renderApprovals(state.approvals);
    renderRuns(state);
    if (connection.textContent !== "Live") connection.textContent = "Live";
    document.body.dataset.updates = String(Number(document.body.dataset.updates || 0) + 1);
  });
  events.addEventListener("error", () => {
    connection.textContent = "Disconnected; reconnecting…";
  });
}

connect();
