// The E-Modal pill in the header: the state of the portal session, looked at again every few seconds.

import { api } from "./api.js";
import { $ } from "./dom.js";
import { setPortal, state, subscribe } from "./store.js";

const POLL_MS = 15000;
const POLL_RUNNING_MS = 2000;  // an answer may log in to E-Modal meanwhile: show it soon

let pollTimer = null;

/** Ask the server for the active account and its portal session. */
export async function refreshPortalState() {
  try {
    setPortal(await api("/sessions/current"));
  } catch {
    // keep showing the last state; a lost login is handled by api.js
  }
}

function portalLabel({ portal, activeAccount, run }) {
  const status = portal ? portal.status : null;
  if (!activeAccount) return ["none", "E-Modal not connected"];
  if (run && status !== "active") return ["logging-in", "Logging in to E-Modal…"];
  if (status === "active") return ["connected", "E-Modal connected"];
  if (status === "expired") return ["expired", "E-Modal session expired"];
  if (status === "replaced") return ["reconnected", "E-Modal reconnected"];
  return ["none", "E-Modal not connected"];
}

function drawPortalState(current) {
  const [key, text] = portalLabel(current);
  const pill = $("portal-state");
  pill.dataset.state = key;
  $("portal-state-text").textContent = text;
  pill.title = current.activeAccount ? `E-Modal account: ${current.activeAccount.label}` : "No E-Modal account yet";
}

function schedulePoll() {
  clearTimeout(pollTimer);
  pollTimer = null;
  if (!state().me) return;
  pollTimer = setTimeout(async () => {
    await refreshPortalState();
    schedulePoll();
  }, state().run ? POLL_RUNNING_MS : POLL_MS);
}

export function wirePortal() {
  subscribe(["portal", "activeAccount", "run"], drawPortalState);
  // Polling starts with the login, stops with the logout, and runs faster while an answer streams.
  subscribe(["me", "run"], schedulePoll);
}
