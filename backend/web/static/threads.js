// The user's conversations: the list in the sidebar, opening, renaming and deleting one, and after a reload
// during an answer, following the rest of that answer (run.js).

import { api, ApiError, messageOf } from "./api.js";
import { $, askDialog, el, showNotice } from "./dom.js";
import { closeSidebar } from "./layout.js";
import { reattach } from "./run.js";
import { addThread, forgetEventId, setThreads, showThread, state, subscribe } from "./store.js";
import { view } from "./view.js";

/** Load the conversations (and so redraw the list). */
export async function loadThreads() {
  setThreads(await api("/threads"));
}

function rowButton(className, text, label, onClick) {
  const button = el("button", className, text);
  button.type = "button";
  button.setAttribute("aria-label", label);
  button.addEventListener("click", onClick);
  return button;
}

function threadItem(thread, openId) {
  const item = el("li", "thread-item");
  item.dataset.threadId = thread.id;
  if (thread.id === openId) item.setAttribute("aria-current", "true");
  const open = el("button", "thread-open", thread.title);
  open.type = "button";
  open.title = thread.title;
  open.addEventListener("click", () => { openThread(thread.id); closeSidebar(); });
  item.append(open,
    rowButton("row-action thread-rename", "Rename", `Rename ${thread.title}`, () => renameThread(thread)),
    rowButton("row-action danger thread-delete", "Delete", `Delete ${thread.title}`, () => deleteThread(thread)));
  return item;
}

function drawThreads({ threads, threadId }) {
  $("thread-list").replaceChildren(...threads.map((thread) => threadItem(thread, threadId)));
  $("thread-empty").hidden = threads.length > 0;
  const current = threads.find((t) => t.id === threadId);
  $("thread-title").textContent = current ? current.title : "New conversation";
}

function welcome() {
  const { me } = state();
  view.welcome(me ? me.username : "");
}

/** An empty conversation with the examples (it is created on the server with its first question). */
export function newConversation() {
  if (state().run) return;
  showThread(null);
  welcome();
  showNotice("");
  $("message-input").focus();
}

/** Show a conversation from the server. */
export async function openThread(threadId) {
  const { run } = state();
  if (run && run.threadId !== threadId) {
    showNotice("Stop the current answer before switching conversations.");
    return;
  }
  showThread(threadId);
  showNotice("");
  try {
    const thread = await api(`/threads/${encodeURIComponent(threadId)}`);
    if (state().threadId !== threadId) return;
    drawThread(thread);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      showThread(null);
      await loadThreads();
      newConversation();
      return;
    }
    showNotice(messageOf(error));
  }
}

/** The server is still answering: it says so, or the last word is the user's. */
function isUnfinished(thread) {
  const messages = thread.messages || [];
  const last = messages[messages.length - 1];
  return Boolean(thread.running || (last && last.role === "user"));
}

function drawThread(thread, { follow = true } = {}) {
  if (!(thread.messages || []).length && !thread.pending_confirmation) {
    welcome();
    return;
  }
  view.thread(thread);
  // Reloaded while the server was still answering: follow the rest of that answer.
  if (follow && isUnfinished(thread) && !state().run) reattach(thread.id);
}

/** Draw the thread as the server keeps it now, without following its answer again. */
export async function showThreadAsKept(threadId) {
  try {
    const thread = await api(`/threads/${encodeURIComponent(threadId)}`);
    if (state().threadId === threadId && !state().run) drawThread(thread, { follow: false });
  } catch (error) {
    showNotice(messageOf(error));
  }
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
  const { run } = state();
  if (run && run.threadId === thread.id) {
    showNotice("Stop the answer before deleting this conversation.");
    return;
  }
  const sure = await askDialog(`Delete “${thread.title}”?`, {
    text: "The conversation and its history are removed for good.", ok: "Delete", danger: true,
  });
  if (!sure) return;
  try {
    await api(`/threads/${encodeURIComponent(thread.id)}`, { method: "DELETE" });
    forgetEventId(thread.id);
    const wasOpen = thread.id === state().threadId;
    await loadThreads();
    if (wasOpen) newConversation();
  } catch (error) {
    showNotice(messageOf(error));
  }
}

/** The conversation on screen, created on the server first if it is a new one. */
export async function ensureThread() {
  const { threadId } = state();
  if (threadId) return threadId;
  const thread = await api("/threads", { method: "POST", json: {} });
  addThread(thread);
  return thread.id;
}

export function wireThreads() {
  subscribe(["threads", "threadId"], drawThreads);
  $("new-thread").addEventListener("click", () => { newConversation(); closeSidebar(); });
}
