// The user's files in answers: screenshots and downloads come through the API with the access token.

import { fetchBlob, messageOf } from "./api.js";
import { el, showNotice } from "./dom.js";

/** Load an `<img data-file-url>` of an answer. */
export async function loadImage(image) {
  image.src = "data:,";  // marks it as handled; the real picture follows
  image.dataset.state = "loading";
  try {
    const blob = await fetchBlob(image.dataset.fileUrl);
    image.src = URL.createObjectURL(blob);
    image.dataset.state = "done";
  } catch (error) {
    image.alt = `${image.alt} (could not load: ${messageOf(error)})`;
    image.dataset.state = "error";
  }
}

function save(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = el("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

async function download(button) {
  button.disabled = true;
  button.dataset.state = "loading";
  try {
    const blob = await fetchBlob(button.dataset.url);
    const filename = button.dataset.filename || "download";
    save(blob, filename);
    button.dataset.state = "done";
    button.dataset.bytes = String(blob.size);
    document.dispatchEvent(new CustomEvent("emodal:download",
      { detail: { filename, size: blob.size, type: blob.type } }));
  } catch (error) {
    button.dataset.state = "error";
    showNotice(`Download failed: ${messageOf(error)}`);
  } finally {
    button.disabled = false;
  }
}

export function wireFiles() {
  // File links are drawn by markdown.js and chat.js anywhere in the conversation: one listener serves them all.
  document.addEventListener("click", (event) => {
    const button = event.target.closest(".file-link");
    if (button) download(button);
  });
}
