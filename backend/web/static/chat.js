// The conversation view: the messages of one thread, the welcome with its examples, the booking card. It only
// draws; run.js and threads.js talk to the API and tell it what to draw, and run.js answers its clicks.

import { AnswerView, humanize } from "./answer.js";
import { el } from "./dom.js";
import { renderMarkdown } from "./markdown.js";
import { drawQuickReplies } from "./quickreplies.js";

const EXAMPLES = [
  "has MSDU5772413 passed pregate?",
  "list my containers in yard",
  "which containers have holds?",
  "export my containers to Excel",
];

function valueText(value) {
  if (value === true) return "Yes";
  if (value === false) return "No";
  if (value === null || value === undefined || value === "") return "—";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** The message list of one thread. */
export class ConversationView {
  constructor(container, { loadImage, onDecision = () => {}, onExample = () => {} }) {
    this.container = container;
    this.loadImage = loadImage;
    this.onDecision = onDecision;
    this.onExample = onExample;
  }

  /** Who answers a click on a booking decision or an example question. */
  answerClicksWith({ onDecision, onExample }) {
    this.onDecision = onDecision;
    this.onExample = onExample;
  }

  clear() {
    this.container.replaceChildren();
  }

  welcome(name) {
    const box = el("div", "welcome");
    box.append(el("h2", "", `Hello${name ? `, ${name}` : ""}. What can I do in E-Modal for you?`),
      el("p", "", "Ask about containers, pregate, holds, appointment slots and bookings. "
        + "Bookings always wait for your approval."));
    const examples = el("div", "examples");
    for (const text of EXAMPLES) {
      const button = el("button", "example", text);
      button.type = "button";
      button.addEventListener("click", () => this.onExample(text));
      examples.append(button);
    }
    box.append(examples);
    this.container.replaceChildren(box);
  }

  scrollDown() {
    this.container.scrollTop = this.container.scrollHeight;
  }

  loadImages(root) {
    root.querySelectorAll("img[data-file-url]:not([src])").forEach((image) => this.loadImage(image));
  }

  user(text) {
    this.container.querySelector(".welcome")?.remove();
    const message = el("article", "msg msg-user");
    message.setAttribute("aria-label", "You");
    message.append(el("div", "bubble", text));
    this.container.append(message);
    this.scrollDown();
  }

  note(text) {
    const message = el("div", "msg msg-note");
    message.append(el("span", "note", text));
    this.container.append(message);
    this.scrollDown();
    return message;
  }

  answer() {
    this.container.querySelector(".welcome")?.remove();
    this.settleCards();
    const view = new AnswerView(this);
    this.container.append(view.root);
    this.scrollDown();
    return view;
  }

  /** A new answer began while a card still had its buttons: it was decided by typing (or waits on anew). */
  settleCards() {
    this.container.querySelectorAll(".confirm-card:not([data-decision])").forEach((card) => {
      card.dataset.decision = "replied";
      card.querySelector(".confirm-actions")?.replaceWith(el("p", "confirm-outcome", "Answered below."));
    });
  }

  confirmation(answerView, confirmation) {
    this.container.querySelectorAll(".confirm-card:not([data-decision])").forEach((card) => card.remove());
    const card = el("section", "confirm-card");
    card.setAttribute("aria-label", "Booking waiting for your approval");
    card.append(el("h3", "", "Approve this booking?"));
    const details = confirmation.details && typeof confirmation.details === "object"
      ? confirmation.details
      : Object.fromEntries(Object.entries(confirmation).filter(([key]) => !["summary", "action"].includes(key)));
    if (confirmation.summary) {
      const summary = el("div", "answer");
      summary.append(renderMarkdown(confirmation.summary));
      card.append(summary);
    }
    const list = el("dl");
    for (const [key, value] of Object.entries(details)) {
      list.append(el("dt", "", humanize(key)), el("dd", "", valueText(value)));
    }
    if (list.childElementCount) card.append(list);
    const actions = el("div", "confirm-actions");
    const approve = el("button", "btn btn-primary confirm-approve", "Approve booking");
    const reject = el("button", "btn btn-secondary confirm-reject", "Reject");
    approve.type = "button";
    reject.type = "button";
    const decide = (decision) => {
      approve.disabled = true;
      reject.disabled = true;
      card.dataset.decision = decision;
      actions.replaceWith(el("p", "confirm-outcome", decision === "approve" ? "You approved this booking."
        : "You rejected this booking: nothing is booked."));
      this.onDecision(decision);
    };
    approve.addEventListener("click", () => decide("approve"));
    reject.addEventListener("click", () => decide("reject"));
    actions.append(approve, reject);
    card.append(actions);
    answerView.root.append(card);
    this.scrollDown();
    approve.focus({ preventScroll: true });
  }

  /** Draw a whole thread from `GET /threads/{id}`. */
  thread(thread) {
    this.clear();
    let last = null;
    for (const message of thread.messages || []) {
      if (message.role === "user") {
        this.user(message.content || "");
        last = null;
      } else if (message.role === "assistant") {
        if (!last) last = this.answer();
        for (const call of message.tool_calls || []) last.step(call);
        if (message.content) {
          last.setAnswer(last.text ? `${last.text}\n\n${message.content}` : message.content);
        }
        if (message.files && message.files.length) last.files(message.files);
        // The server gives them to the thread's last answer only: a reload offers the same buttons again.
        drawQuickReplies(last.root, message.quick_replies);
      } else if (message.role === "tool" && last) {
        last.step({ id: message.tool_call_id, name: message.name || "tool", status: message.status || "success",
          summary: message.content });
      }
    }
    if (thread.pending_confirmation) {
      this.confirmation(last || this.answer(), thread.pending_confirmation);
    }
    if (thread.files && thread.files.length && last) {
      const shown = new Set([...this.container.querySelectorAll("[data-url], [data-file-url]")]
        .map((node) => node.dataset.url || node.dataset.fileUrl));
      const missing = thread.files.filter((file) => !shown.has(file.url));
      if (missing.length) last.files(missing);
    }
    this.scrollDown();
  }
}
