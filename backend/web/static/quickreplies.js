// Quick replies: the likely next messages under an answer (a slot to book, a container to look at) drawn as
// buttons; pressing one sends its text as the dispatcher's next message, so a booking still waits for approval.
// Only the last answer's replies are shown: a new question removes them.

import { el } from "./dom.js";

/** Show `replies` as buttons at the end of an answer (nothing when there are none). */
export function drawQuickReplies(answerRoot, replies) {
  answerRoot.querySelector(".quick-replies")?.remove();
  if (!Array.isArray(replies) || !replies.length) return;
  const box = el("div", "quick-replies");
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", "Quick replies");
  for (const text of replies) {
    const button = el("button", "quick-reply", String(text));
    button.type = "button";
    button.dataset.reply = String(text);
    box.append(button);
  }
  answerRoot.append(box);
}

/** Remove the quick replies shown in `container`: they belong to an answer that is no longer the last. */
export function clearQuickReplies(container) {
  container.querySelectorAll(".quick-replies").forEach((box) => box.remove());
}

/** Send the text of a pressed quick reply in `container` through `send`. */
export function wireQuickReplies(container, send) {
  container.addEventListener("click", (event) => {
    const button = event.target.closest(".quick-reply");
    if (button && !button.disabled) send(button.dataset.reply);
  });
}
