// Logging in: the login and registration card, logging out, and going back to the card when the login is
// gone. The tokens themselves and their refresh are tokens.js's.

import { api, apiFetch, messageOf, whenLoggedOut } from "./api.js";
import { $ } from "./dom.js";
import { stop } from "./run.js";
import { setUser, showThread, state } from "./store.js";
import { tokens } from "./tokens.js";

// The card's mode lives in the tabs themselves (aria-selected), so there is no second copy of it to keep.
const isRegistering = () => $("tab-register").getAttribute("aria-selected") === "true";

function setAuthMode(registering) {
  $("tab-login").setAttribute("aria-selected", String(!registering));
  $("tab-register").setAttribute("aria-selected", String(registering));
  $("auth-title").textContent = registering ? "Create account" : "Log in";
  $("auth-submit").textContent = registering ? "Create account" : "Log in";
  $("auth-password").autocomplete = registering ? "new-password" : "current-password";
  $("auth-hint").hidden = !registering;
  $("auth-error").hidden = true;
}

/** The login card instead of the app, with an optional message saying why. */
export function showAuth(message = "") {
  setUser(null);
  $("app-screen").hidden = true;
  $("auth-screen").hidden = false;
  $("auth-error").textContent = message;
  $("auth-error").hidden = !message;
  $("auth-password").value = "";
  $("auth-username").focus();
}

async function submitAuth(onLoggedIn) {
  const username = $("auth-username").value.trim();
  const password = $("auth-password").value;
  const button = $("auth-submit");
  $("auth-error").hidden = true;
  button.disabled = true;
  try {
    if (isRegistering()) {
      await api("/auth/register", { method: "POST", json: { username, password }, anonymous: true });
    }
    const pair = await api("/auth/login", { method: "POST", form: { username, password }, anonymous: true });
    tokens.set(pair);
    $("auth-password").value = "";
    await onLoggedIn();
  } catch (error) {
    $("auth-error").textContent = messageOf(error);
    $("auth-error").hidden = false;
  } finally {
    button.disabled = false;
  }
}

async function logOut() {
  if (state().run) await stop();
  try {
    await apiFetch("/auth/logout", { method: "POST" });
  } catch {
    // the login may already be gone; the page logs out all the same
  }
  tokens.clear();
  showThread(null);
  showAuth();
}

/** Wire the card and the logout; `onLoggedIn` starts the app once the tokens are there. */
export function wireAuth({ onLoggedIn }) {
  setAuthMode(false);
  $("tab-login").addEventListener("click", () => setAuthMode(false));
  $("tab-register").addEventListener("click", () => setAuthMode(true));
  $("auth-form").addEventListener("submit", (event) => {
    event.preventDefault();
    submitAuth(onLoggedIn);
  });
  $("logout-button").addEventListener("click", logOut);
  whenLoggedOut((message) => showAuth(`You were logged out: ${message}`));
}
