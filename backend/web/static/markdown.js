// A small Markdown renderer for the assistant's answers. It builds DOM nodes and sets only textContent and
// a few checked attributes, so no HTML in an answer can ever run or render as markup.
//
// Blocks: paragraphs (single newlines kept as line breaks), headings, bullet and numbered lists, pipe tables,
// fenced code. Inline: **bold**, *italic*, `code`, [links](...) and ![images](...) where the target is one
// of the user's files (/files/...) or an http(s) address; anything else is shown as text.

import { el } from "./dom.js";

const INLINE = new RegExp([
  "`([^`\\n]+)`",                          // 1 code
  "\\*\\*([^\\n]+?)\\*\\*",                // 2 bold
  "!\\[([^\\]\\n]*)\\]\\(([^)\\s]+)\\)",   // 3, 4 image
  "\\[([^\\]\\n]+)\\]\\(([^)\\s]+)\\)",    // 5, 6 link
  "\\\\([\\\\`*_\\[\\]|#()!-])",           // 7 escaped character
  "\\*([^*\\s][^*\\n]*?)\\*",              // 8 italic
].join("|"));

const FILE_URL = /^\/files\/[A-Za-z0-9._-]+$/;
const WEB_URL = /^https?:\/\/[^\s]+$/i;

/** A button that downloads one of the user's files (the app handles clicks on `.file-link`). */
export function fileLink(url, filename) {
  const button = el("button", "file-link", filename);
  button.type = "button";
  button.dataset.url = url;
  button.dataset.filename = filename;
  return button;
}

function appendInline(parent, text) {
  let rest = text;
  while (rest) {
    const match = INLINE.exec(rest);
    if (!match) {
      parent.append(rest);
      break;
    }
    if (match.index > 0) parent.append(rest.slice(0, match.index));
    rest = rest.slice(match.index + match[0].length);
    if (match[1] !== undefined) {
      parent.append(el("code", "", match[1]));
    } else if (match[2] !== undefined) {
      const strong = el("strong");
      appendInline(strong, match[2]);
      parent.append(strong);
    } else if (match[4] !== undefined) {
      const [alt, url] = [match[3], match[4]];
      if (FILE_URL.test(url)) {
        const image = el("img", "inline-image");
        image.alt = alt || "screenshot";
        image.dataset.fileUrl = url;  // loaded as a blob by the app
        parent.append(image);
      } else {
        parent.append(alt);
      }
    } else if (match[6] !== undefined) {
      const [label, url] = [match[5], match[6]];
      if (FILE_URL.test(url)) {
        parent.append(fileLink(url, label));
      } else if (WEB_URL.test(url)) {
        const link = el("a");
        link.href = url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        appendInline(link, label);
        parent.append(link);
      } else {
        appendInline(parent, label);
      }
    } else if (match[7] !== undefined) {
      parent.append(match[7]);
    } else if (match[8] !== undefined) {
      const em = el("em");
      appendInline(em, match[8]);
      parent.append(em);
    }
  }
}

function splitRow(line) {
  let text = line.trim();
  if (text.startsWith("|")) text = text.slice(1);
  if (text.endsWith("|") && !text.endsWith("\\|")) text = text.slice(0, -1);
  const cells = [];
  let cell = "";
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === "\\" && text[i + 1] === "|") {
      cell += "\\|";  // kept escaped: appendInline turns it into a plain pipe
      i += 1;
    } else if (text[i] === "|") {
      cells.push(cell.trim());
      cell = "";
    } else {
      cell += text[i];
    }
  }
  cells.push(cell.trim());
  return cells;
}

const TABLE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;
const HEADING = /^(#{1,6})\s+(.*)$/;
const FENCE = /^\s*```/;

function isTableStart(lines, i) {
  return lines[i].includes("|") && i + 1 < lines.length && TABLE_RULE.test(lines[i + 1])
    && lines[i + 1].includes("-");
}

function renderTable(lines, start) {
  const header = splitRow(lines[start]);
  const aligns = splitRow(lines[start + 1]).map((rule) => {
    if (rule.startsWith(":") && rule.endsWith(":")) return "center";
    if (rule.endsWith(":")) return "right";
    return "";
  });
  const wrap = el("div", "table-wrap");
  const table = el("table");
  const thead = el("thead");
  const headRow = el("tr");
  header.forEach((text, index) => {
    const th = el("th");
    th.scope = "col";
    if (aligns[index]) th.style.textAlign = aligns[index];
    appendInline(th, text);
    headRow.append(th);
  });
  thead.append(headRow);
  const tbody = el("tbody");
  let i = start + 2;
  while (i < lines.length && lines[i].trim() && lines[i].includes("|")) {
    const row = el("tr");
    const cells = splitRow(lines[i]);
    header.forEach((_, index) => {
      const td = el("td");
      if (aligns[index]) td.style.textAlign = aligns[index];
      appendInline(td, cells[index] || "");
      row.append(td);
    });
    tbody.append(row);
    i += 1;
  }
  table.append(thead, tbody);
  wrap.append(table);
  return [wrap, i];
}

function renderFence(lines, start) {
  const code = [];
  let i = start + 1;
  while (i < lines.length && !FENCE.test(lines[i])) {
    code.push(lines[i]);
    i += 1;
  }
  const pre = el("pre");
  pre.append(el("code", "", code.join("\n")));
  return [pre, i + 1];
}

/** A block that stands alone (fenced code, table, heading) starting at line `i` as [node, next line], or null. */
function standaloneBlock(lines, i) {
  if (FENCE.test(lines[i])) return renderFence(lines, i);
  if (isTableStart(lines, i)) return renderTable(lines, i);
  const heading = HEADING.exec(lines[i]);
  if (!heading) return null;
  const node = el(heading[1].length <= 2 ? "h3" : "h4");
  appendInline(node, heading[2]);
  return [node, i + 1];
}

/**
 * Where the settled part of a growing text ends, scanning from `from` (a settled end itself): just after its
 * last blank line outside fenced code. Every block ends at a blank line, so the text before it renders the
 * same whatever comes next, and a streamed answer only re-renders what follows.
 */
export function settledEnd(text, from = 0) {
  let end = from;
  let inFence = false;
  let lineStart = from;
  for (let newline = text.indexOf("\n", lineStart); newline >= 0; newline = text.indexOf("\n", lineStart)) {
    const line = text.slice(lineStart, newline);
    if (FENCE.test(line)) inFence = !inFence;
    else if (!inFence && !line.trim()) end = newline + 1;
    lineStart = newline + 1;  // the last line, without its newline yet, may still grow
  }
  return end;
}

/** Render `text` as a DocumentFragment. */
export function renderMarkdown(text) {
  const fragment = document.createDocumentFragment();
  const lines = String(text || "").replace(/\r\n?/g, "\n").split("\n");
  let paragraph = null;
  let list = null;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const block = line.trim() ? standaloneBlock(lines, i) : null;
    if (block || !line.trim()) {  // a blank line or a block of its own ends the paragraph and the list
      paragraph = null;
      list = null;
      if (block) fragment.append(block[0]);
      i = block ? block[1] : i + 1;
      continue;
    }
    const bullet = BULLET.exec(line);
    const listItem = bullet || NUMBERED.exec(line);
    if (listItem) {
      const tag = bullet ? "ul" : "ol";
      if (!list || list.tagName.toLowerCase() !== tag) {
        paragraph = null;
        list = el(tag);
        fragment.append(list);
      }
      const item = el("li");
      appendInline(item, listItem[1]);
      list.append(item);
    } else {
      list = null;
      if (!paragraph) {
        paragraph = el("p");
        fragment.append(paragraph);
      } else {
        paragraph.append(el("br"));
      }
      appendInline(paragraph, line);
    }
    i += 1;
  }
  return fragment;
}
