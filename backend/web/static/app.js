// The page's entry point: wires each part of the page, then shows the app (with a login) or the login card.
//
//   auth.js (login, logout)    tokens.js (token pair, refresh)   api.js (HTTP client)
//   accounts.js                threads.js                        run.js (asking, the stream; events.js)
//   portal.js (E-Modal pill)   files.js (images, downloads)      layout.js (drawer, message box)
//   store.js: the shared state; each part subscribes to what it draws.   dom.js: the shared DOM helper.
//   view.js, chat.js, answer.js, markdown.js, stream.js: drawing the conversation and reading the stream.

import { loadAccounts, wireAccounts } from "./accounts.js";
import { ApiError, api, messageOf } from "./api.js";
import { showAuth, wireAuth } from "./auth.js";
import { $, showNotice } from "./dom.js";
import { wireFiles } from "./files.js";
import { wireLayout } from "./layout.js";
import { refreshPortalState, wirePortal } from "./portal.js";
import { wireRun } from "./run.js";
import { rememberedThreadId, setUser, state } from "./store.js";
import { loadThreads, newConversation, openThread, wireThreads } from "./threads.js";
import { tokens } from "./tokens.js";

async function startApp() {
  const me = await api("/auth/me");
  setUser(me);
  $("user-name").textContent = me.username;
  $("user-initial").textContent = me.username.slice(0, 1);
  $("auth-screen").hidden = true;
  $("app-screen").hidden = false;
  showNotice("");
  await Promise.all([loadAccounts(), loadThreads(), refreshPortalState()]);
  const remembered = rememberedThreadId();
  const { threads } = state();
  const last = threads.find((t) => t.id === remembered) || threads[0];
  if (last) await openThread(last.id);
  else newConversation();
  $("message-input").focus();
}

wireAuth({ onLoggedIn: startApp });
wireAccounts();
wireThreads();
wirePortal();
wireRun();
wireFiles();
wireLayout();

if (tokens.get()) {
  startApp().catch((error) => {
    if (!(error instanceof ApiError && error.status === 401)) showAuth(messageOf(error));
  });
} else {
  showAuth();
}
