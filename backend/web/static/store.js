// The page's shared state in one place. Read it with `state()`; change it only through the functions below,
// each of which tells the subscribers of the parts that changed, so every part of the page redraws itself.

const LAST_THREAD_KEY = "emodal-agent.thread";
const LAST_EVENT_KEY = "emodal-agent.event.";  // + thread id: the last streamed event this tab drew

let current = Object.freeze({
  me: null,             // the logged-in user (GET /auth/me); null on the login screen
  accounts: [],         // the user's E-Modal accounts (GET /accounts)
  activeAccount: null,  // the auth session's active account (GET /sessions/current)
  portal: null,         // the portal session of that account (GET /sessions/current)
  threads: [],          // the user's conversations, newest first (GET /threads)
  threadId: null,       // the conversation on screen; null for a new one
  run: null,            // {threadId, controller, stopping} while an answer streams
});

const subscribers = [];

/** The current state (frozen: change it through the functions of this module). */
export function state() {
  return current;
}

/** Call `listener(state)` whenever one of `keys` changes. */
export function subscribe(keys, listener) {
  subscribers.push({ keys: new Set(keys), listener });
}

function update(patch) {
  const unknown = Object.keys(patch).filter((key) => !(key in current));
  if (unknown.length) throw new Error(`No such state: ${unknown.join(", ")}`);
  const changed = Object.keys(patch).filter((key) => current[key] !== patch[key]);
  if (!changed.length) return;
  current = Object.freeze({ ...current, ...patch });
  for (const { keys, listener } of subscribers) {
    if (changed.some((key) => keys.has(key))) listener(current);
  }
}

const frozen = (value) => (value && typeof value === "object" ? Object.freeze(value) : value);

/** The logged-in user, or null when the page goes back to the login screen. */
export function setUser(me) {
  update({ me: frozen(me) });
}

export function setAccounts(accounts) {
  update({ accounts: Object.freeze([...accounts]) });
}

/** The answer of GET /sessions/current: the active account and its portal session. */
export function setPortal({ active_account: activeAccount = null, portal_session: portal = null }) {
  update({ activeAccount: frozen(activeAccount), portal: frozen(portal) });
}

export function setThreads(threads) {
  update({ threads: Object.freeze([...threads]) });
}

/** Put a conversation on screen (null: a new one); a reload of the tab comes back to it. */
export function showThread(threadId) {
  if (threadId) sessionStorage.setItem(LAST_THREAD_KEY, threadId);
  else sessionStorage.removeItem(LAST_THREAD_KEY);
  update({ threadId });
}

/** A conversation the page just created: first in the list and on screen. */
export function addThread(thread) {
  sessionStorage.setItem(LAST_THREAD_KEY, thread.id);
  update({ threads: Object.freeze([thread, ...current.threads]), threadId: thread.id });
}

/** The conversation this tab showed last, if any. */
export function rememberedThreadId() {
  return sessionStorage.getItem(LAST_THREAD_KEY);
}

/** The answer streaming now ({threadId, controller, stopping}), or null when none is. */
export function setRun(run) {
  update({ run: frozen(run ? { ...run } : null) });
}

/** Remember the last event of a thread's answer this tab has drawn (it reattaches after it on a reload). */
export function rememberEventId(threadId, eventId) {
  if (threadId && eventId) sessionStorage.setItem(LAST_EVENT_KEY + threadId, eventId);
}

/** The last event of the thread's answer this tab drew, or "" when none. */
export function lastEventId(threadId) {
  return sessionStorage.getItem(LAST_EVENT_KEY + threadId) || "";
}

export function forgetEventId(threadId) {
  sessionStorage.removeItem(LAST_EVENT_KEY + threadId);
}
