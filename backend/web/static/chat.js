// The conversation view: messages, tool steps, the confirmation card, files. It only draws; app.js talks
// to the API and passes in what to draw and what to do on a click.

import { fileLink, renderMarkdown } from "./markdown.js";

const TOOL_LABELS = {
  list_containers: "Listing containers",
  get_container: "Looking up the container",
  get_container_timeline: "Reading the container timeline",
  check_appointments: "Checking appointment slots",
  book_appointment: "Booking the appointment",
  list_my_appointments: "Reading My Appointments",
  export_containers_excel: "Exporting to Excel",
  run_container_check: "Checking all actionable containers",
  session_status: "Checking the portal session",
};

const STATUS_TEXT = {
  running: "running…",
  success: "done",
  error: "failed",
  interrupted: "interrupted",
  pending: "not finished",
  awaiting_confirmation: "waiting for your approval",
  cancelled: "stopped",
};

const EXAMPLES = [
  "has MSDU5772413 passed pregate?",
  "list my containers in yard",
  "which containers have holds?",
  "export my containers to Excel",
];

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function humanize(key) {
  const text = String(key).replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function valueText(value) {
  if (value === true) return "Yes";
  if (value === false) return "No";
  if (value === null || value === undefined || value === "") return "—";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function isImage(file) {
  return file.kind === "screenshot" || /\.png$/i.test(file.filename || "");
}

/** One assistant answer being drawn: steps, text, files, confirmation. */
class AnswerView {
  constructor(view) {
    this.view = view;
    this.root = el("article", "msg msg-assistant");
    this.root.setAttribute("aria-label", "Assistant");
    this.steps = el("div", "steps");
    this.bubble = el("div", "bubble answer");
    this.attachments = el("div", "attachments");
    this.root.append(this.steps, this.bubble, this.attachments);
    this.text = "";
    this.stepsById = new Map();
    this.drawPending = false;
  }

  typing() {
    const dots = el("span", "typing");
    dots.setAttribute("aria-label", "The assistant is working");
    dots.append(el("span"), el("span"), el("span"));
    this.bubble.replaceChildren(dots);
  }

  token(text) {
    this.text += text;
    if (this.drawPending) return;
    this.drawPending = true;
    requestAnimationFrame(() => {
      this.drawPending = false;
      this.setAnswer(this.text, true);
    });
  }

  setAnswer(markdown, streaming = false) {
    this.text = markdown || "";
    this.bubble.replaceChildren(renderMarkdown(this.text));
    this.bubble.dataset.streaming = streaming ? "true" : "false";
    this.view.loadImages(this.bubble);
    this.view.scrollDown();
  }

  step(call, existing = null) {
    const key = call.id || `${call.name}#${this.stepsById.size}`;
    let step = existing || this.stepsById.get(key);
    if (!step) {
      step = el("details", "step");
      step.dataset.tool = call.name;
      if (call.id) step.dataset.callId = call.id;
      const summary = el("summary");
      summary.append(el("span", "step-icon"), el("span", "step-name", TOOL_LABELS[call.name] || humanize(call.name)),
        el("span", "step-status"));
      const body = el("div", "step-body");
      body.append(el("h4", "", "Tool"), el("pre", "step-tool", call.name), el("h4", "", "Arguments"),
        el("pre", "step-args"), el("h4", "", "Outcome"), el("pre", "step-outcome"));
      step.append(summary, body);
      this.steps.append(step);
      this.stepsById.set(key, step);
    }
    if (call.args !== undefined) {
      step.querySelector(".step-args").textContent = JSON.stringify(call.args, null, 2);
    }
    if (call.status) {
      step.dataset.status = call.status;
      step.querySelector(".step-status").textContent = STATUS_TEXT[call.status] || call.status;
      const outcome = step.querySelector(".step-outcome");
      if (call.summary) {
        outcome.textContent = call.summary;
        step.dataset.hasSummary = "true";
      } else if (step.dataset.hasSummary !== "true") {
        outcome.textContent = STATUS_TEXT[call.status] || call.status;
      }
    }
    this.view.scrollDown();
    return step;
  }

  /** The booking step now waits for the user's decision. */
  awaitConfirmation() {
    const running = [...this.steps.querySelectorAll('.step[data-status="running"]')].pop();
    const call = { name: running ? running.dataset.tool : "book_appointment", status: "awaiting_confirmation" };
    this.step(call, running || null);
  }

  progress(event) {
    const running = [...this.steps.querySelectorAll('.step[data-status="running"]')].pop();
    if (!running) return;
    let bar = running.querySelector(".progress");
    if (!bar) {
      bar = el("div", "progress");
      bar.append(el("span"));
      running.querySelector("summary").after(bar);
    }
    const percent = event.total ? Math.round((100 * event.done) / event.total) : 0;
    bar.firstChild.style.width = `${percent}%`;
    running.querySelector(".step-status").textContent = `${event.done}/${event.total} ${event.container || ""}`.trim();
  }

  /** Reconcile with the authoritative final response (or a history message). */
  finish({ answer, tool_calls: calls = [], files = [], confirmation = null }) {
    const drawn = [...this.steps.children];
    calls.forEach((call, index) => {
      // Streamed steps carry the tool call's id; if an id is missing, the order of the calls still matches.
      // A resumed booking reports the whole turn again: update the steps an earlier answer already shows.
      const earlier = call.id
        ? this.view.container.querySelector(`.step[data-call-id="${CSS.escape(call.id)}"]`) : null;
      if (earlier && !this.steps.contains(earlier)) {
        this.step(call, earlier);
        return;
      }
      this.step(call, (call.id && this.stepsById.get(call.id)) || drawn[index] || null);
    });
    this.steps.querySelectorAll('.step[data-status="running"]').forEach((step) => {
      step.dataset.status = "interrupted";
      step.querySelector(".step-status").textContent = STATUS_TEXT.interrupted;
    });
    if (answer !== undefined) this.setAnswer(answer);
    this.attachments.replaceChildren();
    this.files(files);
    if (confirmation) this.view.confirmation(this, confirmation);
  }

  files(files) {
    const linked = new Set([...this.bubble.querySelectorAll("[data-url], [data-file-url]")]
      .map((node) => node.dataset.url || node.dataset.fileUrl));
    for (const file of files || []) {
      if (this.attachments.querySelector(`[data-url="${CSS.escape(file.url)}"], [data-file-url="${CSS.escape(file.url)}"]`)) {
        continue;
      }
      if (isImage(file)) {
        const figure = el("figure", "screenshot");
        const image = el("img");
        image.alt = file.filename || "Timeline screenshot";
        image.dataset.fileUrl = file.url;
        figure.append(image, el("figcaption", "", file.filename || "Timeline screenshot"));
        this.attachments.append(figure);
      } else if (!linked.has(file.url)) {
        this.attachments.append(fileLink(file.url, file.filename || "download"));
      }
    }
    this.view.loadImages(this.attachments);
  }

  error(message) {
    if (!this.text) this.bubble.replaceChildren();
    const note = el("p", "form-error", message);
    this.bubble.append(note);
    this.view.scrollDown();
  }
}

/** The message list of one thread. */
export class ConversationView {
  constructor(container, { onDecision, onExample, loadImage }) {
    this.container = container;
    this.onDecision = onDecision;
    this.onExample = onExample;
    this.loadImage = loadImage;
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
    const view = new AnswerView(this);
    this.container.append(view.root);
    this.scrollDown();
    return view;
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
