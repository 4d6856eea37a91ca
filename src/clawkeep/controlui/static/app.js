// clawkeep Control UI. Plain JavaScript, no library; the DOM is built with textContent
// only (the CSP's Trusted Types forbid HTML sinks). The gateway token is sent once, at
// sign-in, and never stored: the page keeps only the CSRF token, in memory.
"use strict";

const state = { csrf: null, agents: [], defaultAgent: null, page: "chat" };
const $ = (id) => document.getElementById(id);

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function when(ts) {
  if (!ts) return "";
  return new Date(ts * 1000).toLocaleString();
}

async function api(path, body) {
  const init = { method: body === undefined ? "GET" : "POST", headers: {}, credentials: "same-origin" };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    if (state.csrf) init.headers["X-CSRF-Token"] = state.csrf;
    init.body = JSON.stringify(body);
  }
  const res = await fetch("/ui/api" + path, init);
  if (res.status === 401 && !path.startsWith("/login") && !path.startsWith("/redeem")) {
    showSignin("Your session ended. Sign in again.");
    throw new Error("signed out");
  }
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = new Error(data.message || data.error || res.statusText);
    err.code = data.error;
    throw err;
  }
  return data;
}

// --- signing in -----------------------------------------------------------------------

function showSignin(message) {
  state.csrf = null;
  state.chatLog = null;
  $("nav").hidden = true;
  $("page").hidden = true;
  $("signout").hidden = true;
  $("waiting").hidden = true;
  $("signin").hidden = false;
  $("signin-error").textContent = message || "";
  $("credential").focus();
}

async function signedIn(csrf) {
  state.csrf = csrf;
  $("signin").hidden = true;
  $("nav").hidden = false;
  $("page").hidden = false;
  $("signout").hidden = false;
  await refreshOverview();
  route();
}

async function onSignin(event) {
  event.preventDefault();
  const input = $("credential");
  const credential = input.value;
  input.value = ""; // the token leaves the page's DOM at once
  $("signin-error").textContent = "";
  try {
    const res = await api("/login", { credential });
    await signedIn(res.csrf);
  } catch (err) {
    $("signin-error").textContent = err.code === "gateway.auth.locked_out"
      ? "Too many failed attempts from here; wait and try again."
      : err.code === "controlui.cross_origin" ? err.message
        : "That token or password was not accepted.";
  }
}

async function onSignout() {
  try { await api("/logout", {}); } catch (_) { /* already out */ }
  showSignin("Signed out.");
}

async function start() {
  $("signin-form").addEventListener("submit", onSignin);
  $("signout").addEventListener("click", onSignout);
  $("theme").addEventListener("click", toggleTheme);
  window.addEventListener("hashchange", route);
  applyTheme(localStorage.getItem("theme"));
  const hash = location.hash;
  if (hash.startsWith("#ticket=")) {
    history.replaceState(null, "", "/"); // the one-time link leaves the address bar at once
    try {
      const res = await api("/redeem", { ticket: decodeURIComponent(hash.slice(8)) });
      await signedIn(res.csrf);
      return;
    } catch (_) {
      showSignin("That sign-in link is used up or expired. Run clawkeep dashboard again.");
      return;
    }
  }
  const session = await api("/session");
  if (session.signedIn) await signedIn(session.csrf);
  else showSignin();
}

function applyTheme(theme) {
  if (theme === "dark" || theme === "light") document.documentElement.dataset.theme = theme;
}

function toggleTheme() {
  const current = document.documentElement.dataset.theme
    || (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
  const next = current === "dark" ? "light" : "dark";
  document.documentElement.dataset.theme = next;
  localStorage.setItem("theme", next); // the theme only; never a credential
}

// --- what waits for the owner ---------------------------------------------------------

function badge(name, count) {
  const el = document.querySelector(`[data-badge="${name}"]`);
  if (!el) return;
  el.hidden = !count;
  el.textContent = count ? String(count) : "";
}

async function refreshOverview() {
  let o;
  try { o = await api("/overview"); } catch (_) { return; }
  state.agents = o.agents;
  state.defaultAgent = o.defaultAgent;
  badge("pairing", o.pendingPairings);
  badge("approvals", o.pendingApprovals || 0);
  badge("security", o.criticalFindings || 0);
  const parts = [];
  if (o.pendingPairings) parts.push(`${o.pendingPairings} pairing request${o.pendingPairings > 1 ? "s" : ""}`);
  if (o.pendingApprovals) parts.push(`${o.pendingApprovals} approval${o.pendingApprovals > 1 ? "s" : ""}`);
  if (o.criticalFindings) parts.push(`${o.criticalFindings} critical finding${o.criticalFindings > 1 ? "s" : ""}`);
  const w = $("waiting");
  w.hidden = false;
  w.className = parts.length ? "waiting alert" : "waiting calm";
  w.textContent = parts.length ? `Waiting for you: ${parts.join(", ")}` : "Nothing waits for you";
  w.dataset.count = String(parts.length);
}

// --- pages ----------------------------------------------------------------------------

const pages = {};

function route() {
  if (!state.csrf) return;
  const name = (location.hash.match(/^#\/(\w+)/) || [])[1] || "chat";
  const page = pages[name] ? name : "chat";
  state.page = page;
  for (const a of document.querySelectorAll("#nav a")) a.classList.toggle("active", a.dataset.page === page);
  const root = $("page");
  root.replaceChildren();
  root.dataset.page = page;
  pages[page](root).catch((err) => {
    if (err.message !== "signed out") root.append(h("p", { class: "error" }, err.message));
  });
}

function toolLine(ev) {
  const tool = ev.tool || "tool";
  if (ev.kind === "tool.denied") {
    const why = [ev.rule, ev.layer].filter(Boolean).join(" in ");
    return [`${tool} refused: ${ev.reason}${why ? ` — ${why}` : ""}`, true];
  }
  if (ev.kind === "tool.call") return [`${tool} allowed: ${ev.reason}`, false];
  if (ev.kind === "tool.result") return [`${tool} ${ev.ok ? "ran" : "failed"}: ${ev.reason}`, !ev.ok];
  return null;
}

pages.chat = async (root) => {
  // The conversation stays on the page while the operator visits other pages.
  state.chatLog = state.chatLog || h("div", { class: "chat-log", id: "chat-log", "aria-live": "polite" });
  const log = state.chatLog;
  const agent = h("select", { id: "chat-agent", "aria-label": "Agent" },
    state.agents.map((a) => h("option", { value: a, selected: a === state.defaultAgent }, a)));
  const text = h("textarea", { id: "chat-text", rows: 2, placeholder: "Message the agent…", "aria-label": "Message" });
  const send = h("button", { type: "submit", id: "chat-send" }, "Send");
  const form = h("form", { class: "chat-form" }, text, send);
  root.append(h("div", { class: "card" },
    h("div", { class: "row" }, h("h2", {}, "Chat"), h("div", {}, h("label", { for: "chat-agent" }, "Agent"), agent)),
    log, form));
  text.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const message = text.value.trim();
    if (!message) return;
    text.value = "";
    send.disabled = true;
    log.append(h("div", { class: "msg user" }, message));
    try { await streamChat(log, message, agent.value); }
    catch (err) { if (err.message !== "signed out") log.append(h("div", { class: "msg blocked" }, err.message)); }
    finally { send.disabled = false; log.scrollTop = log.scrollHeight; }
  });
};

async function streamChat(log, message, agent) {
  const res = await fetch("/ui/api/chat", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": state.csrf },
    body: JSON.stringify({ text: message, agent }),
  });
  if (res.status === 401) { showSignin("Your session ended. Sign in again."); throw new Error("signed out"); }
  if (!res.ok) { const d = await res.json().catch(() => ({})); throw new Error(d.message || res.statusText); }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const frame = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      if (frame.startsWith("data: ")) showChatEvent(log, JSON.parse(frame.slice(6)));
    }
    log.scrollTop = log.scrollHeight;
  }
}

function showChatEvent(log, ev) {
  if (ev.type === "event") {
    const line = toolLine(ev);
    if (line) log.append(h("div", { class: line[1] ? "msg tool refused" : "msg tool" }, line[0]));
    return;
  }
  if (ev.type === "error") { log.append(h("div", { class: "msg blocked" }, `The turn failed (${ev.reason}).`)); return; }
  for (const note of ev.annotations || []) log.append(h("div", { class: "msg flagged" }, `Flagged by the channel guard: ${note}`));
  if (ev.kind === "blocked") {
    log.append(h("div", { class: "msg blocked" }, `Blocked by the channel guard: ${ev.reason}${ev.detail ? ` (${ev.detail})` : ""}`));
  } else if (ev.kind === "dropped") {
    log.append(h("div", { class: "msg blocked" }, `Dropped: ${ev.reason}`));
  } else if (ev.reply) {
    log.append(h("div", { class: "msg assistant" }, ev.reply));
  } else {
    log.append(h("div", { class: "msg tool" }, `No reply (${ev.reason}).`));
  }
}

pages.pairing = async (root) => {
  const data = await api("/pairing");
  const pending = h("ul", { class: "list", id: "pairing-pending" });
  for (const p of data.pending) {
    const code = h("input", { placeholder: "Code the sender got", "aria-label": `Pairing code for ${p.sender}`, class: "pair-code" });
    const status = h("span", { class: "small" });
    pending.append(h("li", {},
      h("div", { class: "grow" }, h("strong", {}, p.senderName || p.sender), " ", h("span", { class: "chip" }, `${p.channel}:${p.sender}`),
        h("div", { class: "small muted" }, `asked ${when(p.createdAt)} · expires ${when(p.expiresAt)}`)),
      code,
      h("button", { type: "button", class: "approve", onclick: async () => {
        try {
          const r = await api("/pairing/approve", { channel: p.channel, code: code.value.trim() });
          if (r.ok) { await refreshOverview(); route(); } else status.textContent = `Not approved: ${r.reason}`;
        } catch (err) { status.textContent = err.message; }
      } }, "Approve"),
      h("button", { type: "button", class: "ghost", onclick: async () => {
        await api("/pairing/deny", { channel: p.channel, sender: p.sender }); await refreshOverview(); route();
      } }, "Deny"),
      status));
  }
  if (!data.pending.length) pending.append(h("li", { class: "empty" }, "No pending requests."));
  const approved = h("ul", { class: "list", id: "pairing-approved" });
  for (const a of data.approved) {
    approved.append(h("li", {},
      h("div", { class: "grow" }, h("span", { class: "chip" }, `${a.channel}:${a.sender}`), h("div", { class: "small muted" }, `approved ${when(a.approvedAt)}`)),
      h("button", { type: "button", class: "danger", onclick: async () => {
        await api("/pairing/revoke", { channel: a.channel, sender: a.sender }); route();
      } }, "Revoke")));
  }
  if (!data.approved.length) approved.append(h("li", { class: "empty" }, "Nobody approved yet."));
  root.append(h("div", { class: "card" }, h("h2", {}, "Pending"), h("p", { class: "small muted" }, "Approving needs the code the sender was given: the gateway checks it, not this page."), pending),
    h("div", { class: "card" }, h("h2", {}, "Approved senders"), approved));
};

pages.approvals = async (root) => {
  const data = await api("/approvals");
  const card = h("div", { class: "card" }, h("h2", {}, "Approvals"));
  root.append(card);
  if (!data.available) { card.append(h("p", { class: "muted" }, "This gateway has no approval store.")); return; }
  const list = h("ul", { class: "list", id: "approvals-list" });
  for (const a of data.pending) {
    const status = h("span", { class: "small" });
    const act = (action) => async () => {
      try { const r = await api(`/approvals/${action}`, { code: a.code }); status.textContent = r.reason; await refreshOverview(); route(); }
      catch (err) { status.textContent = err.message; }
    };
    list.append(h("li", {},
      h("div", { class: "grow" },
        h("strong", {}, a.tool), " ", h("span", { class: "chip" }, a.code), " ", h("span", { class: "small muted" }, `${a.agent} · ${a.reason}`),
        h("div", { class: "small" }, a.detail),
        h("pre", {}, JSON.stringify(a.args, null, 2)),
        h("div", { class: "small muted" }, `expires ${when(a.expiresAt)}`)),
      h("button", { type: "button", onclick: act("approve") }, "Approve once"),
      h("button", { type: "button", class: "ghost", onclick: act("deny") }, "Deny"),
      status));
  }
  if (!data.pending.length) list.append(h("li", { class: "empty" }, "Nothing waits for your approval."));
  card.append(list);
};

pages.activity = async (root) => {
  const params = new URLSearchParams((location.hash.split("?")[1]) || "");
  const field = (name, label) => h("div", {}, h("label", { for: `f-${name}` }, label),
    h("input", { id: `f-${name}`, name, value: params.get(name) || "", placeholder: "any" }));
  const form = h("form", { class: "row", id: "activity-filter" }, field("channel", "Channel"), field("agent", "Agent"), field("reason", "Reason code"),
    h("button", { type: "submit" }, "Filter"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const n of ["channel", "agent", "reason"]) { const v = form.elements[n].value.trim(); if (v) q.set(n, v); }
    location.hash = `#/activity?${q}`;
  });
  const q = new URLSearchParams();
  for (const n of ["channel", "agent", "reason"]) if (params.get(n)) q.set(n, params.get(n));
  const data = await api(`/activity?${q}`);
  const body = h("tbody", {});
  for (const e of data.events) {
    const extra = Object.entries(e).filter(([k]) => !["ts", "kind", "reason", "channel", "agent"].includes(k))
      .map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : v}`).join(" ");
    body.append(h("tr", {}, h("td", { class: "hide-phone" }, when(e.ts)), h("td", {}, e.kind),
      h("td", {}, h("span", { class: "chip" }, e.reason)), h("td", {}, e.channel || e.agent || ""),
      h("td", { class: "hide-phone mono" }, extra)));
  }
  const table = h("table", { id: "activity-table" },
    h("thead", {}, h("tr", {}, h("th", { class: "hide-phone" }, "When"), h("th", {}, "Event"), h("th", {}, "Reason"), h("th", {}, "Where"), h("th", { class: "hide-phone" }, "Details"))), body);
  root.append(h("div", { class: "card" }, h("h2", {}, "Activity"), form), h("div", { class: "card" },
    data.events.length ? table : h("p", { class: "empty" }, "No events match.")));
};

pages.security = async (root) => {
  const data = await api("/security");
  const card = h("div", { class: "card" }, h("h2", {}, "Security audit"));
  root.append(card);
  if (!data.available) { card.append(h("p", { class: "muted" }, "The audit is not wired into this gateway.")); return; }
  const order = { critical: 0, warn: 1, info: 2 };
  const findings = [...data.findings].sort((a, b) => order[a.severity] - order[b.severity]);
  const list = h("ul", { class: "list", id: "findings" });
  for (const f of findings) {
    list.append(h("li", {}, h("div", { class: "grow" },
      h("span", { class: `sev-${f.severity}` }, f.severity.toUpperCase()), " ", h("strong", {}, f.title), " ", h("span", { class: "chip" }, f.checkId),
      h("div", { class: "small" }, f.detail),
      f.remediation ? h("div", { class: "small" }, "Fix: ", h("code", {}, f.remediation)) : null)));
  }
  if (!findings.length) list.append(h("li", { class: "empty" }, "No findings."));
  card.append(list);
  if (!data.canFix) return;
  const fixable = findings.filter((f) => f.severity !== "info" && f.remediation);
  const out = h("div", {});
  const confirm = h("div", { class: "confirm", hidden: true },
    h("p", {}, "clawkeep security audit --fix will tighten file permissions in the state directory (0600 files, 0700 directories) and set the safe config values for these findings:"),
    h("ul", {}, fixable.map((f) => h("li", {}, h("code", {}, f.remediation)))),
    h("div", { class: "row" },
      h("button", { type: "button", id: "fix-confirm", onclick: async () => {
        const r = await api("/security/fix", { confirm: true });
        confirm.hidden = true;
        out.replaceChildren(h("ul", { class: "list" }, r.actions.map((a) => h("li", {}, h("span", { class: "chip" }, a.status), ` ${a.kind} ${a.target}: ${a.detail}`))));
      } }, "Apply these fixes"),
      h("button", { type: "button", class: "ghost", onclick: () => { confirm.hidden = true; } }, "Cancel")));
  card.append(h("div", { class: "row" }, h("button", { type: "button", id: "fix-show", onclick: () => { confirm.hidden = false; } }, "Review --fix actions")), confirm, out);
};

pages.sessions = async (root) => {
  const data = await api("/sessions");
  const list = h("ul", { class: "list", id: "sessions-list" });
  const view = h("div", { class: "card", hidden: true, id: "transcript" });
  for (const s of data.sessions) {
    list.append(h("li", {},
      h("div", { class: "grow" }, h("span", { class: "chip" }, s.key), h("span", { class: "small muted" }, ` ${s.turns} turns`)),
      h("button", { type: "button", class: "ghost", onclick: async () => {
        const t = await api(`/sessions/transcript?session=${encodeURIComponent(s.key)}`);
        view.hidden = false;
        view.replaceChildren(h("h2", {}, s.key), h("div", { class: "chat-log" },
          t.turns.map((turn) => h("div", { class: `msg ${turn.role === "user" ? "user" : "assistant"}` }, turn.text))));
      } }, "View"),
      h("button", { type: "button", class: "danger", onclick: async (e) => {
        const btn = e.currentTarget;
        if (btn.dataset.armed !== "1") { btn.dataset.armed = "1"; btn.textContent = "Really delete?"; return; }
        await api("/sessions/delete", { key: s.key }); route();
      } }, "Delete")));
  }
  if (!data.sessions.length) list.append(h("li", { class: "empty" }, "No sessions yet."));
  root.append(h("div", { class: "card" }, h("h2", {}, "Sessions"), list), view);
};

pages.config = async (root) => {
  const data = await api("/config");
  root.append(h("div", { class: "card" }, h("h2", {}, "Config (read-only)"),
    h("p", { class: "small muted" }, "File: ", h("code", { id: "config-path" }, data.path), ". Secrets are masked. Edit the file, then restart the gateway."),
    h("pre", { id: "config-json" }, JSON.stringify(data.config, null, 2))));
};

document.addEventListener("DOMContentLoaded", () => { start().catch(() => showSignin()); });
