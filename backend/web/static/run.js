// Asking: the composer sends a question (or a booking decision), the answer streams in as Server-Sent
// Events and is drawn as it comes; Stop cancels the run on the server. After a reload during an answer the page
// reattaches to the run's stream after the last event it drew, and draws the rest as it comes.

import { api, apiFetch, messageOf } from "./api.js";
import { $, showNotice } from "./dom.js";
import { SSE } from "./events.js";
import { autosize } from "./layout.js";
import { refreshPortalState } from "./portal.js";
import { clearQuickReplies, wireQuickReplies } from "./quickreplies.js";
import { lastEventId, rememberEventId, setRun, state, subscribe } from "./store.js";
import { readEvents } from "./stream.js";
import { ensureThread, loadThreads, showThreadAsKept } from "./threads.js";
import { view } from "./view.js";

const STOP_GRACE_MS = 4000;

// What each event does to the answer on screen; true when it ends the answer. A Map, so that an event
// named like an Object property ("constructor") finds nothing.
const HANDLERS = new Map([
  [SSE.THREAD, () => false],  // the page made the thread before asking
  [SSE.TOKEN, (answer, data) => { answer.token(data.text || ""); return false; }],
  [SSE.TOOL_START, (answer, data) => { answer.step({ ...data, status: "running" }); return false; }],
  [SSE.TOOL_END, (answer, data) => { answer.step(data); return false; }],
  [SSE.PROGRESS, (answer, data) => { answer.progress(data); return false; }],
  [SSE.CONFIRMATION, (answer) => { answer.awaitConfirmation(); return false; }],
  [SSE.FINAL, (answer, data) => { answer.finish(data); return true; }],
  [SSE.ERROR, (answer, data) => { answer.error(data.message || "The assistant could not answer."); return true; }],
]);

/** Draw each event of the stream, remembering its id; true when the server said the answer is over. */
async function drawEvents(response, answer, threadId) {
  let ended = false;
  for await (const { event, id, data } of readEvents(response)) {
    const handle = HANDLERS.get(event);
    if (handle && handle(answer, data)) ended = true;
    rememberEventId(threadId, id);
  }
  return ended;
}

function drawQuestion(body) {
  if (body.message !== undefined) {
    view.user(body.message);
    $("message-input").value = "";
    autosize();
  } else {
    view.note(body.resume === "approve" ? "Booking approved" : "Booking rejected");
  }
}

async function streamAnswer(body, run, answer) {
  try {
    const response = await apiFetch("/ask/stream", {
      method: "POST", json: { ...body, thread_id: run.threadId }, signal: run.controller.signal,
      headers: { Accept: "text/event-stream" },
    });
    if (!await drawEvents(response, answer, run.threadId)) {
      answer.error(state().run?.stopping ? "Stopped." : "The answer was cut off. Reload the page to see it.");
    }
  } catch (error) {
    if (error.name === "AbortError") {
      answer.finish({ tool_calls: [] });
      if (!answer.text) answer.error("Stopped.");
    } else {
      answer.error(messageOf(error));
    }
  }
}

/** Send a message (`{message}`) or a booking decision (`{resume}`) and draw the streamed answer. */
export async function ask(body) {
  if (state().run) return;
  showNotice("");
  let threadId;
  try {
    threadId = await ensureThread();
  } catch (error) {
    showNotice(messageOf(error));
    return;
  }
  clearQuickReplies($("messages"));
  drawQuestion(body);
  const answer = view.answer();
  answer.typing();
  const run = { threadId, controller: new AbortController(), stopping: false };
  setRun(run);
  try {
    await streamAnswer(body, run, answer);
  } finally {
    setRun(null);
    $("message-input").focus();
    loadThreads().catch(() => {});
    refreshPortalState();
  }
}

/** Follow the answer the server is still writing in a thread (after a reload): draw the rest of it live. */
export async function reattach(threadId) {
  if (state().run) return;
  const answer = view.answer();
  answer.typing();
  const run = { threadId, controller: new AbortController(), stopping: false };
  setRun(run);
  let ended = false;
  try {
    const after = lastEventId(threadId);
    const response = await apiFetch(`/threads/${encodeURIComponent(threadId)}/stream`, {
      signal: run.controller.signal,
      headers: after ? { Accept: "text/event-stream", "Last-Event-ID": after } : { Accept: "text/event-stream" },
    });
    ended = await drawEvents(response, answer, threadId);
  } catch (error) {
    ended = true;
    if (error.name === "AbortError") answer.error("Stopped.");
    else answer.error(messageOf(error));
  } finally {
    setRun(null);
  }
  // Nothing more came (the answer was over before the page asked): show the thread as the server keeps it.
  if (!ended && state().threadId === threadId) await showThreadAsKept(threadId);
  loadThreads().catch(() => {});
}

/** Stop the answer: cancel the run on the server, then stop reading if it does not end by itself. */
export async function stop() {
  const run = state().run;
  if (!run || run.stopping) return;
  setRun({ ...run, stopping: true });
  try {
    await api(`/threads/${encodeURIComponent(run.threadId)}/cancel`, { method: "POST" });
    // Aborting a stream that has ended meanwhile does nothing, so this timer needs no clearing.
    setTimeout(() => run.controller.abort(), STOP_GRACE_MS);
  } catch {
    run.controller.abort();
  }
}

function drawRunning({ run }) {
  $("send-button").hidden = Boolean(run);
  $("stop-button").hidden = !run;
  $("stop-button").disabled = Boolean(run && run.stopping);
  $("messages").setAttribute("aria-busy", String(Boolean(run)));
  document.querySelectorAll(".confirm-card:not([data-decision]) button, .quick-reply")
    .forEach((b) => { b.disabled = Boolean(run); });
}

export function wireRun() {
  subscribe(["run"], drawRunning);
  view.answerClicksWith({
    onDecision: (decision) => ask({ resume: decision }),
    onExample: (text) => { $("message-input").value = text; ask({ message: text }); },
  });
  wireQuickReplies($("messages"), (text) => ask({ message: text }));
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
  $("stop-button").addEventListener("click", stop);
}
