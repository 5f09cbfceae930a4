// One assistant answer as it is drawn: its tool steps (with progress), the streamed text, files and the
// awaited approval. ConversationView (chat.js) creates it and owns the list it sits in.

import { el } from "./dom.js";
import { fileLink, renderMarkdown, settledEnd } from "./markdown.js";
import { drawQuickReplies } from "./quickreplies.js";

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
  rejected: "rejected: nothing booked",
  cancelled: "stopped",
};

/** `tool_name` as "Tool name". */
export function humanize(key) {
  const text = String(key).replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function isImage(file) {
  return file.kind === "screenshot" || /\.png$/i.test(file.filename || "");
}

/** One assistant answer being drawn: steps, text, files, confirmation. */
export class AnswerView {
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
    this.settled = 0;  // how much of the streamed text is drawn for good
    this.live = [];  // the nodes of the block still growing, redrawn on each frame
    this.done = false;
  }

  typing() {
    const dots = el("span", "typing");
    dots.setAttribute("aria-label", "The assistant is working");
    dots.append(el("span"), el("span"), el("span"));
    this.bubble.replaceChildren(dots);
  }

  /** Add a streamed piece of the answer; drawn at the next frame, with whatever else arrives before it. */
  token(text) {
    this.text += text;
    if (this.drawPending) return;
    this.drawPending = true;
    requestAnimationFrame(() => {
      this.drawPending = false;
      if (!this.done) this.drawStreamed();
    });
  }

  /** Draw the text so far: settled blocks once, and again only the block still growing (cheap per frame). */
  drawStreamed() {
    if (this.bubble.dataset.streaming !== "true") {
      this.bubble.replaceChildren();
      this.bubble.dataset.streaming = "true";
      this.settled = 0;
      this.live = [];
    }
    this.live.forEach((node) => node.remove());
    const end = settledEnd(this.text, this.settled);
    if (end > this.settled) {
      this.bubble.append(renderMarkdown(this.text.slice(this.settled, end)));
      this.settled = end;
      this.view.loadImages(this.bubble);  // not the growing block's: it is redrawn each frame, they load at the end
    }
    const growing = renderMarkdown(this.text.slice(this.settled));
    this.live = [...growing.childNodes];
    this.bubble.append(growing);
    this.view.scrollDown();
  }

  setAnswer(markdown, streaming = false) {
    this.done = !streaming;
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
  finish({ answer, tool_calls: calls = [], files = [], confirmation = null, quick_replies: replies = [] }) {
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
    else drawQuickReplies(this.root, replies);
    this.view.scrollDown();
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
