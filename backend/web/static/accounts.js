// The user's E-Modal accounts: the list in the sidebar, the picker in the header, adding and removing.

import { api, messageOf } from "./api.js";
import { $, askDialog, el, showNotice } from "./dom.js";
import { refreshPortalState } from "./portal.js";
import { setAccounts, subscribe } from "./store.js";

/** Load the accounts (and so redraw the list and the picker). */
export async function loadAccounts() {
  setAccounts(await api("/accounts"));
}

function accountItem(account) {
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
  return item;
}

/** With no account yet, the conversation offers to add one: the assistant can do nothing in E-Modal without it. */
function drawAccountOffer(accounts) {
  let offer = document.getElementById("account-offer");
  if (!offer) {
    offer = el("div", "notice account-offer");
    offer.id = "account-offer";
    const add = el("button", "btn btn-primary", "Add E-Modal account");
    add.type = "button";
    add.id = "account-offer-add";
    add.addEventListener("click", openAccountDialog);
    offer.append(el("span", "", "Add your E-Modal account first: the assistant works in E-Modal through it."), add);
    $("notice").after(offer);
  }
  offer.hidden = accounts.length > 0;
}

function drawAccounts({ accounts }) {
  drawAccountOffer(accounts);
  const select = $("account-select");
  $("account-list").replaceChildren(...accounts.map(accountItem));
  $("account-empty").hidden = accounts.length > 0;
  select.replaceChildren(...accounts.map((account) => new Option(
    `${account.label} (${account.username})`, String(account.id), false, account.is_active)));
  select.disabled = accounts.length === 0;
  if (!accounts.length) select.append(new Option("No E-Modal account", ""));
  else if (!accounts.some((a) => a.is_active)) select.prepend(new Option("Choose an account", "", true, true));
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

function showAccountError(message) {
  $("account-error").textContent = message;
  $("account-error").hidden = false;
}

async function submitAccount(event) {
  event.preventDefault();
  const body = Object.fromEntries(new FormData($("account-form")).entries());
  if (Object.values(body).some((value) => !String(value).trim())) {
    showAccountError("Fill in every field.");
    return;
  }
  $("account-save").disabled = true;
  try {
    await api("/accounts", { method: "POST", json: body });
    $("account-dialog").close();
    await Promise.all([loadAccounts(), refreshPortalState()]);
  } catch (error) {
    showAccountError(messageOf(error));
  } finally {
    $("account-save").disabled = false;
  }
}

export function wireAccounts() {
  subscribe(["accounts"], drawAccounts);
  $("add-account").addEventListener("click", openAccountDialog);
  $("account-cancel").addEventListener("click", () => $("account-dialog").close());
  $("account-form").addEventListener("submit", submitAccount);
  $("account-select").addEventListener("change", (event) => {
    if (event.target.value) switchAccount(event.target.value);
  });
}
