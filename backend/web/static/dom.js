// The one DOM helper of the page: find by id, build an element, the notice line and the small ask dialog.

/** The element with this id. */
export const $ = (id) => document.getElementById(id);

/** A new element with an optional class and text (set as text, never as HTML). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Show a message above the composer; an empty message hides the line. */
export function showNotice(message) {
  const notice = $("notice");
  notice.textContent = message;
  notice.hidden = !message;
}

function fillAskDialog(title, { text, input, ok, danger }) {
  $("ask-dialog-title").textContent = title;
  $("ask-dialog-text").textContent = text;
  $("ask-dialog-text").hidden = !text;
  const field = $("ask-dialog-input");
  field.hidden = input === null;
  $("ask-dialog-label").textContent = input ? input.label : "";
  field.value = input ? input.value : "";
  $("ask-dialog-ok").textContent = ok;
  $("ask-dialog-ok").className = `btn ${danger ? "btn-danger" : "btn-primary"}`;
}

/** A small modal: `askDialog("Delete?", {text})` resolves true/false; with `input`, the text or null. */
export function askDialog(title, { text = "", input = null, ok = "OK", danger = false } = {}) {
  const dialog = $("ask-dialog");
  const field = $("ask-dialog-input");
  fillAskDialog(title, { text, input, ok, danger });
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
