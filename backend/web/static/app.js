// The page's controller: login, accounts, threads, asking with a stream, the portal session state.

import { api, ApiError, apiFetch, fetchBlob, tokens, whenLoggedOut } from "./api.js";
import { ConversationView } from "./chat.js";
import { readEvents } from "./stream.js";

const $ = (id) => document.getElementById(id);
const LAST_THREAD_KEY = "emodal-agent.thread";
const SESSION_POLL_MS = 15000;
const SESSION_POLL_RUNNING_MS = 2000;
const RESTORE_POLL_MS = 2000;
const RESTORE_POLL_LIMIT = 90;
const STOP_GRACE_MS = 4000;

const state = {
  me: null,
  accounts: [],
  threads: [],
  threadId: null,
  run: null,          // {threadId, controller, stopTimer} while an answer streams
  portal: null,       // portal_session from GET /sessions/current
  activeAccount: null,
  sessionTimer: null,
  restoreTimer: null,
  registering: false,
};

const view = new ConversationView($("messages"), {
  onDecision: (decision) => ask({ resume: decision }),
  onExample: (text) => { $("message-input").value = text; ask({ message: text }); },
  loadImage: (image) => loadImage(image),
});

// ---------------------------------------------------------------- helpers

function showNotice(message) {
  const notice = $("notice");
  notice.textContent = message;
  notice.hidden = !message;
}

function messageOf(error) {
  return error instanceof ApiError ? error.message : `Could not reach the server (${error.message}).`;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A small modal: `ask("Delete?", {text})` resolves true/false; with `input`, resolves the text or null. */
function askDialog(title, { text = "", input = null, ok = "OK", danger = false } = {}) {
  const dialog = $("ask-dialog");
  $("ask-dialog-title").textContent = title;
  $("ask-dialog-text").textContent = text;
  $("ask-dialog-text").hidden = !text;
  const field = $("ask-dialog-input");
  field.hidden = input === null;
  $("ask-dialog-label").textContent = input ? input.label : "";
  field.value = input ? input.value : "";
  $("ask-dialog-ok").textContent = ok;
  $("ask-dialog-ok").className = `btn ${danger ? "btn-danger" : "btn-primary"}`;
  return new Promise((resolve) => {
    const finish = (result) => {
      dialog.removeEventListener("close", onClose);
      $("ask-form").onsubmit = null;
      $("ask-dialog-cancel").onclick = null;
      if (dialog.open) dialog.close();
      resolve(result);
    };
    const onClose = () => finish(input === null ? false : null);
    dialog.addEventListener("close", onClose);
    $("ask-form").onsubmit = (event) => {
      event.preventDefault();
      finish(input === null ? true : field.value.trim() || null);
    };
    $("ask-dialog-cancel").onclick = () => finish(input === null ? false : null);
    dialog.showModal();
    (input === null ? $("ask-dialog-ok") : field).focus();
    if (input !== null) field.select();
  });
}

// ---------------------------------------------------------------- login

function setAuthMode(registering) {
  state.registering = registering;
  $("tab-login").setAttribute("aria-selected", String(!registering));
  $("tab-register").setAttribute("aria-selected", String(registering));
  $("auth-title").textContent = registering ? "Create account" : "Log in";
  $("auth-submit").textContent = registering ? "Create account" : "Log in";
  $("auth-password").autocomplete = registering ? "new-password" : "current-password";
  $("auth-hint").hidden = !registering;
  $("auth-error").hidden = true;
}

function showAuth(message = "") {
  stopTimers();
  state.me = null;
  $("app-screen").hidden = true;
  $("auth-screen").hidden = false;
  $("auth-error").textContent = message;
  $("auth-error").hidden = !message;
  $("auth-password").value = "";
  $("auth-username").focus();
}

async function submitAuth(event) {
  event.preventDefault();
  const username = $("auth-username").value.trim();
  const password = $("auth-password").value;
  const button = $("auth-submit");
  $("auth-error").hidden = true;
  button.disabled = true;
  try {
    if (state.registering) {
      await api("/auth/register", { method: "POST", json: { username, password }, anonymous: true });
    }
    const pair = await api("/auth/login", { method: "POST", form: { username, password }, anonymous: true });
    tokens.set(pair);
    $("auth-password").value = "";
    await startApp();
  } catch (error) {
    $("auth-error").textContent = messageOf(error);
    $("auth-error").hidden = false;
  } finally {
    button.disabled = false;
  }
}

async function logOut() {
  if (state.run) await stop();
  try {
    await apiFetch("/auth/logout", { method: "POST" });
  } catch {
    // the login may already be gone; the page logs out all the same
  }
  tokens.clear();
  sessionStorage.removeItem(LAST_THREAD_KEY);
  showAuth();
}

// ---------------------------------------------------------------- the app

async function startApp() {
  state.me = await api("/auth/me");
  $("user-name").textContent = state.me.username;
  $("user-initial").textContent = state.me.username.slice(0, 1);
  $("auth-screen").hidden = true;
  $("app-screen").hidden = false;
  showNotice("");
  await Promise.all([loadAccounts(), loadThreads(), refreshPortalState()]);
  const remembered = sessionStorage.getItem(LAST_THREAD_KEY);
  const last = state.threads.find((t) => t.id === remembered) || state.threads[0];
  if (last) await openThread(last.id);
  else newConversation();
  schedulePortalPoll();
  $("message-input").focus();
}

function stopTimers() {
  clearTimeout(state.sessionTimer);
  clearTimeout(state.restoreTimer);
  state.sessionTimer = null;
  state.restoreTimer = null;
}

// ---------------------------------------------------------------- accounts

async function loadAccounts() {
  state.accounts = await api("/accounts");
  drawAccounts();
}

function drawAccounts() {
  const list = $("account-list");
  list.replaceChildren();
  const select = $("account-select");
  select.replaceChildren();
  $("account-empty").hidden = state.accounts.length > 0;
  select.disabled = state.accounts.length === 0;
  if (!state.accounts.length) select.append(new Option("No E-Modal account", ""));
  for (const account of state.accounts) {
    const item = el("li", "account-item");
    item.dataset.accountId = account.id;
    item.dataset.active = String(account.is_active);
    const use = el("button", "account-use");
    use.type = "button";
    use.title = account.is_active ? "Active account" : "Use this account";
    use.setAttribute("aria-pressed", String(account.is_active));
    use.append(el("span", "account-name", account.label), el("span", "account-sub", account.username));
    use.addEventListener("click", () => switchAccount(account.id));
    const remove = el("button", "row-action danger account-remove", "Remove");
    remove.type = "button";
    remove.setAttribute("aria-label", `Remove account ${account.label}`);
    remove.addEventListener("click", () => removeAccount(account));
    item.append(use, remove);
    list.append(item);
    const option = new Option(`${account.label} (${account.username})`, String(account.id), false, account.is_active);
    select.append(option);
  }
  if (state.accounts.length && !state.accounts.some((a) => a.is_active)) {
    select.prepend(new Option("Choose an account", "", true, true));
  }
}

async function switchAccount(accountId) {
  try {
    await api("/sessions/current/account", { method: "POST", json: { account_id: Number(accountId) } });
    await Promise.all([loadAccounts(), refreshPortalState()]);
  } catch (error) {
    showNotice(messageOf(error));
  }
}

async function removeAccount(account) {
  const sure = await askDialog(`Remove ${account.label}?`, {
    text: "The assistant forgets this E-Modal login. Your conversations stay.", ok: "Remove", danger: true,
  });
  if (!sure) return;
  try {
    await api(`/accounts/${account.id}`, { method: "DELETE" });
    await Promise.all([loadAccounts(), refreshPortalState()]);
  } catch (error) {
    showNotice(messageOf(error));
  }
}

function openAccountDialog() {
  $("account-form").reset();
  $("account-error").hidden = true;
  $("account-dialog").showModal();
  $("account-label").focus();
}

async function submitAccount(event) {
  event.preventDefault();
  const body = Object.fromEntries(new FormData($("account-form")).entries());
  const missing = Object.entries(body).find(([, value]) => !String(value).trim());
  if (missing) {
    $("account-error").textContent = "Fill in every field.";
    $("account-error").hidden = false;
    return;
  }
  $("account-save").disabled = true;
  try {
    await api("/accounts", { method: "POST", json: body });
    $("account-dialog").close();
    await Promise.all([loadAccounts(), refreshPortalState()]);
  } catch (error) {
    $("account-error").textContent = messageOf(error);
    $("account-error").hidden = false;
  } finally {
    $("account-save").disabled = false;
  }
}

// ---------------------------------------------------------------- portal session state

async function refreshPortalState() {
  try {
    const current = await api("/sessions/current");
    state.portal = current.portal_session;
    state.activeAccount = current.active_account;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
  }
  drawPortalState();
}

function drawPortalState() {
  const status = state.portal ? state.portal.status : null;
  let [key, text] = ["none", "E-Modal not connected"];
  if (!state.activeAccount) [key, text] = ["none", "E-Modal not connected"];
  else if (status === "active") [key, text] = ["connected", "E-Modal connected"];
  else if (status === "expired") [key, text] = ["expired", "E-Modal session expired"];
  else if (status === "replaced") [key, text] = ["reconnected", "E-Modal reconnected"];
  if (state.run && state.activeAccount && status !== "active") [key, text] = ["logging-in", "Logging in to E-Modal…"];
  const pill = $("portal-state");
  pill.dataset.state = key;
  $("portal-state-text").textContent = text;
  pill.title = state.activeAccount ? `E-Modal account: ${state.activeAccount.label}` : "No E-Modal account yet";
}

function schedulePortalPoll() {
  clearTimeout(state.sessionTimer);
  if (!state.me) return;
  state.sessionTimer = setTimeout(async () => {
    await refreshPortalState();
    schedulePortalPoll();
  }, state.run ? SESSION_POLL_RUNNING_MS : SESSION_POLL_MS);
}

// ---------------------------------------------------------------- threads

async function loadThreads() {
  state.threads = await api("/threads");
  drawThreads();
}

function drawThreads() {
  const list = $("thread-list");
  list.replaceChildren();
  $("thread-empty").hidden = state.threads.length > 0;
  for (const thread of state.threads) {
    const item = el("li", "thread-item");
    item.dataset.threadId = thread.id;
    if (thread.id === state.threadId) item.setAttribute("aria-current", "true");
    const open = el("button", "thread-open", thread.title);
    open.type = "button";
    open.title = thread.title;
    open.addEventListener("click", () => { openThread(thread.id); closeSidebar(); });
    const rename = el("button", "row-action thread-rename", "Rename");
    rename.type = "button";
    rename.setAttribute("aria-label", `Rename ${thread.title}`);
    rename.addEventListener("click", () => renameThread(thread));
    const remove = el("button", "row-action danger thread-delete", "Delete");
    remove.type = "button";
    remove.setAttribute("aria-label", `Delete ${thread.title}`);
    remove.addEventListener("click", () => deleteThread(thread));
    item.append(open, rename, remove);
    list.append(item);
  }
  const current = state.threads.find((t) => t.id === state.threadId);
  $("thread-title").textContent = current ? current.title : "New conversation";
}

function newConversation() {
  if (state.run) return;
  clearTimeout(state.restoreTimer);
  state.threadId = null;
  sessionStorage.removeItem(LAST_THREAD_KEY);
  drawThreads();
  view.welcome(state.me ? state.me.username : "");
  showNotice("");
  $("message-input").focus();
}

async function openThread(threadId) {
  if (state.run && state.run.threadId !== threadId) {
    showNotice("Stop the current answer before switching conversations.");
    return;
  }
  clearTimeout(state.restoreTimer);
  state.threadId = threadId;
  sessionStorage.setItem(LAST_THREAD_KEY, threadId);
  drawThreads();
  showNotice("");
  try {
    const thread = await api(`/threads/${encodeURIComponent(threadId)}`);
    if (state.threadId !== threadId) return;
    drawThread(thread);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      sessionStorage.removeItem(LAST_THREAD_KEY);
      await loadThreads();
      newConversation();
      return;
    }
    showNotice(messageOf(error));
  }
}

function drawThread(thread) {
  const messages = thread.messages || [];
  if (!messages.length && !thread.pending_confirmation) {
    view.welcome(state.me ? state.me.username : "");
    return;
  }
  view.thread(thread);
  // Reloaded while the server was still answering (it says so, or the last word is the user's): show that,
  // and look again until the answer is there.
  const last = messages[messages.length - 1];
  if ((thread.running || (last && last.role === "user")) && !state.run) {
    view.answer().typing();
    view.note("Still working on this answer… it appears here when it is ready.");
    pollUnfinished(thread.id, 0);
  }
}

function pollUnfinished(threadId, attempt) {
  clearTimeout(state.restoreTimer);
  if (attempt >= RESTORE_POLL_LIMIT) return;
  state.restoreTimer = setTimeout(async () => {
    if (state.threadId !== threadId || state.run) return;
    try {
      const thread = await api(`/threads/${encodeURIComponent(threadId)}`);
      const messages = thread.messages || [];
      const last = messages[messages.length - 1];
      if ((thread.running || (last && last.role === "user")) && !thread.pending_confirmation) {
        pollUnfinished(threadId, attempt + 1);
      } else if (state.threadId === threadId) {
        view.thread(thread);
        loadThreads();
      }
    } catch {
      pollUnfinished(threadId, attempt + 1);
    }
  }, RESTORE_POLL_MS);
}

async function renameThread(thread) {
  const title = await askDialog("Rename conversation", { input: { label: "Title", value: thread.title }, ok: "Save" });
  if (!title || title === thread.title) return;
  try {
    await api(`/threads/${encodeURIComponent(thread.id)}`, { method: "PATCH", json: { title } });
    await loadThreads();
  } catch (error) {
    showNotice(messageOf(error));
  }
}

async function deleteThread(thread) {
  if (state.run && state.run.threadId === thread.id) {
    showNotice("Stop the answer before deleting this conversation.");
    return;
  }
  const sure = await askDialog(`Delete “${thread.title}”?`, {
    text: "The conversation and its history are removed for good.", ok: "Delete", danger: true,
  });
  if (!sure) return;
  try {
    await api(`/threads/${encodeURIComponent(thread.id)}`, { method: "DELETE" });
    const wasOpen = thread.id === state.threadId;
    await loadThreads();
    if (wasOpen) newConversation();
  } catch (error) {
    showNotice(messageOf(error));
  }
}

// ---------------------------------------------------------------- asking

function setRunning(run) {
  state.run = run;
  $("send-button").hidden = Boolean(run);
  $("stop-button").hidden = !run;
  $("stop-button").disabled = false;
  $("messages").setAttribute("aria-busy", String(Boolean(run)));
  document.querySelectorAll(".confirm-card:not([data-decision]) button").forEach((b) => { b.disabled = Boolean(run); });
  drawPortalState();
  schedulePortalPoll();
}

async function ensureThread() {
  if (state.threadId) return state.threadId;
  const thread = await api("/threads", { method: "POST", json: {} });
  state.threadId = thread.id;
  sessionStorage.setItem(LAST_THREAD_KEY, thread.id);
  state.threads = [thread, ...state.threads];
  drawThreads();
  return thread.id;
}

/** Send a message (`{message}`) or a booking decision (`{resume}`) and draw the streamed answer. */
async function ask(body) {
  if (state.run) return;
  showNotice("");
  clearTimeout(state.restoreTimer);
  let threadId;
  try {
    threadId = await ensureThread();
  } catch (error) {
    showNotice(messageOf(error));
    return;
  }
  if (body.message !== undefined) {
    view.user(body.message);
    $("message-input").value = "";
    autosize();
  } else {
    view.note(body.resume === "approve" ? "Booking approved" : "Booking rejected");
  }
  const answer = view.answer();
  answer.typing();
  const controller = new AbortController();
  const run = { threadId, controller, stopTimer: null, stopped: false };
  setRunning(run);
  let finished = false;
  try {
    const response = await apiFetch("/ask/stream", {
      method: "POST", json: { ...body, thread_id: threadId }, signal: controller.signal,
      headers: { Accept: "text/event-stream" },
    });
    for await (const { event, data } of readEvents(response)) {
      if (event === "token") answer.token(data.text || "");
      else if (event === "tool_start") answer.step({ ...data, status: "running" });
      else if (event === "tool_end") answer.step(data);
      else if (event === "progress") answer.progress(data);
      else if (event === "confirmation") answer.awaitConfirmation();
      else if (event === "final") {
        answer.finish(data);
        finished = true;
      } else if (event === "error") {
        answer.error(data.message || "The assistant could not answer.");
        finished = true;
      }
    }
    if (!finished) answer.error(run.stopped ? "Stopped." : "The answer was cut off. Reload the page to see it.");
  } catch (error) {
    if (error.name === "AbortError") {
      answer.finish({ tool_calls: [] });
      if (!answer.text) answer.error("Stopped.");
    } else {
      answer.error(messageOf(error));
    }
  } finally {
    clearTimeout(run.stopTimer);
    setRunning(null);
    $("message-input").focus();
    loadThreads().catch(() => {});
    refreshPortalState();
  }
}

/** Stop the answer: cancel the run on the server, then stop reading if it does not end by itself. */
async function stop() {
  const run = state.run;
  if (!run || run.stopped) return;
  run.stopped = true;
  $("stop-button").disabled = true;
  try {
    await api(`/threads/${encodeURIComponent(run.threadId)}/cancel`, { method: "POST" });
    run.stopTimer = setTimeout(() => run.controller.abort(), STOP_GRACE_MS);
  } catch {
    run.controller.abort();
  }
}

// ---------------------------------------------------------------- files

async function loadImage(image) {
  image.src = "data:,";  // marks it as handled; the real picture follows
  image.dataset.state = "loading";
  try {
    const blob = await fetchBlob(image.dataset.fileUrl);
    image.src = URL.createObjectURL(blob);
    image.dataset.state = "done";
  } catch (error) {
    image.alt = `${image.alt} (could not load: ${messageOf(error)})`;
    image.dataset.state = "error";
  }
}

async function download(button) {
  button.disabled = true;
  button.dataset.state = "loading";
  try {
    const blob = await fetchBlob(button.dataset.url);
    const url = URL.createObjectURL(blob);
    const link = el("a");
    link.href = url;
    link.download = button.dataset.filename || "download";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    button.dataset.state = "done";
    button.dataset.bytes = String(blob.size);
    document.dispatchEvent(new CustomEvent("emodal:download",
      { detail: { filename: link.download, size: blob.size, type: blob.type } }));
  } catch (error) {
    button.dataset.state = "error";
    showNotice(`Download failed: ${messageOf(error)}`);
  } finally {
    button.disabled = false;
  }
}

// ---------------------------------------------------------------- layout and keyboard

function autosize() {
  const input = $("message-input");
  input.style.height = "auto";
  input.style.height = `${Math.min(input.scrollHeight, 180)}px`;
}

function openSidebar() {
  $("sidebar").dataset.open = "true";
  $("sidebar-backdrop").hidden = false;
  $("sidebar-toggle").setAttribute("aria-expanded", "true");
  $("new-thread").focus();
}

function closeSidebar() {
  if ($("sidebar").dataset.open !== "true") return;
  $("sidebar").dataset.open = "false";
  $("sidebar-backdrop").hidden = true;
  $("sidebar-toggle").setAttribute("aria-expanded", "false");
}

function wire() {
  $("tab-login").addEventListener("click", () => setAuthMode(false));
  $("tab-register").addEventListener("click", () => setAuthMode(true));
  $("auth-form").addEventListener("submit", submitAuth);
  $("logout-button").addEventListener("click", logOut);
  $("new-thread").addEventListener("click", () => { newConversation(); closeSidebar(); });
  $("add-account").addEventListener("click", openAccountDialog);
  $("account-cancel").addEventListener("click", () => $("account-dialog").close());
  $("account-form").addEventListener("submit", submitAccount);
  $("account-select").addEventListener("change", (event) => {
    if (event.target.value) switchAccount(event.target.value);
  });
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("message-input").value.trim();
    if (text) ask({ message: text });
  });
  $("message-input").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("composer").requestSubmit();
    }
  });
  $("message-input").addEventListener("input", autosize);
  $("stop-button").addEventListener("click", stop);
  $("sidebar-toggle").addEventListener("click", () => {
    if ($("sidebar").dataset.open === "true") closeSidebar();
    else openSidebar();
  });
  $("sidebar-backdrop").addEventListener("click", closeSidebar);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeSidebar();
  });
  document.addEventListener("click", (event) => {
    const button = event.target.closest(".file-link");
    if (button) download(button);
  });
  whenLoggedOut((message) => showAuth(`You were logged out: ${message}`));
}

wire();
setAuthMode(false);
if (tokens.get()) {
  startApp().catch((error) => {
    if (!(error instanceof ApiError && error.status === 401)) showAuth(messageOf(error));
  });
} else {
  showAuth();
}
