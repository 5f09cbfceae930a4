// The page's layout: the message box grows with its text; on a narrow screen the sidebar is a drawer.

import { $ } from "./dom.js";

/** Fit the message box to its text, up to a limit. */
export function autosize() {
  const input = $("message-input");
  input.style.height = "auto";
  input.style.height = `${Math.min(input.scrollHeight, 180)}px`;
}

function openSidebar() {
  $("sidebar").dataset.open = "true";
  $("sidebar-backdrop").hidden = false;
  $("sidebar-toggle").setAttribute("aria-expanded", "true");
  $("new-thread").focus();
}

/** Fold the drawer away (nothing happens on a wide screen, where it is never open). */
export function closeSidebar() {
  if ($("sidebar").dataset.open !== "true") return;
  $("sidebar").dataset.open = "false";
  $("sidebar-backdrop").hidden = true;
  $("sidebar-toggle").setAttribute("aria-expanded", "false");
}

export function wireLayout() {
  $("message-input").addEventListener("input", autosize);
  $("sidebar-toggle").addEventListener("click", () => {
    if ($("sidebar").dataset.open === "true") closeSidebar();
    else openSidebar();
  });
  $("sidebar-backdrop").addEventListener("click", closeSidebar);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeSidebar();
  });
}
