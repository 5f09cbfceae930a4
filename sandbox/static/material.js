/* Angular-Material-like widgets in vanilla JS: selects, options, dialogs, chips, checkboxes, toggles. */
(function () {
  "use strict";

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === "text") node.textContent = v;
      else if (k === "html") node.innerHTML = v;
      else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : v);
    });
    (children || []).forEach((c) => node.appendChild(typeof c === "string" ? document.createTextNode(c) : c));
    return node;
  }

  function icon(name, attrs) {
    return el("mat-icon", Object.assign({ class: "mat-icon material-icons", "data-icon": name, role: "img",
      text: name }, attrs || {}));
  }

  function setIcon(node, name) {
    node.textContent = name;
    node.setAttribute("data-icon", name);
  }

  function checkbox(label) {
    const input = el("input", { type: "checkbox", class: "mat-checkbox-input cdk-visually-hidden" });
    return el("mat-checkbox", { class: "mat-checkbox" }, [
      el("label", { class: "mat-checkbox-layout" }, [
        el("span", { class: "mat-checkbox-inner-container" }, [input, el("span", { class: "mat-checkbox-frame" }),
          el("span", { class: "mat-checkbox-background" }, [el("span", { class: "mat-checkbox-checkmark" })])]),
        el("span", { class: "mat-checkbox-label", text: label || "" }),
      ]),
    ]);
  }

  function setChecked(box, checked) {
    const input = box.querySelector("input");
    input.checked = checked;
    box.classList.toggle("mat-checkbox-checked", checked);
  }

  function isChecked(box) {
    return box.querySelector("input").checked;
  }

  document.addEventListener("change", (event) => {
    const input = event.target;
    if (input.classList && input.classList.contains("mat-checkbox-input")) {
      const box = input.closest("mat-checkbox");
      box.classList.toggle("mat-checkbox-checked", input.checked);
      box.dispatchEvent(new CustomEvent("mat-change", { bubbles: true, detail: input.checked }));
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !document.querySelector("mat-dialog-container")) closeOverlays();
  });

  function overlayRoot() {
    return document.querySelector(".cdk-overlay-container");
  }

  function closeOverlays() {
    // Panels only: an error dialog stays until its CLOSE button is clicked.
    overlayRoot().querySelectorAll(".cdk-overlay-pane:not(.dialog-pane), .cdk-overlay-transparent-backdrop")
      .forEach((n) => n.remove());
    document.querySelectorAll("mat-select[aria-expanded='true']").forEach((s) => {
      s.setAttribute("aria-expanded", "false");
      s.classList.remove("mat-select-open");
    });
  }

  function place(pane, anchor) {
    const rect = anchor.getBoundingClientRect();
    pane.style.left = rect.left + "px";
    pane.style.minWidth = rect.width + "px";
    const below = window.innerHeight - rect.bottom;
    if (below < 220 && rect.top > below) pane.style.bottom = (window.innerHeight - rect.top + 2) + "px";
    else pane.style.top = (rect.bottom + 2) + "px";
  }

  function option(text, value, disabled) {
    return el("mat-option", { class: "mat-option" + (disabled ? " mat-option-disabled" : ""), role: "option",
      tabindex: "0", "aria-disabled": disabled ? "true" : "false", "data-value": value },
      [el("span", { class: "mat-option-text", text: text })]);
  }

  function openPanel(anchor, options, onPick, panelClass, withBackdrop) {
    closeOverlays();
    const root = overlayRoot();
    if (withBackdrop) {
      const backdrop = el("div", { class: "cdk-overlay-backdrop cdk-overlay-transparent-backdrop cdk-overlay-backdrop-showing" });
      backdrop.addEventListener("click", closeOverlays);
      root.appendChild(backdrop);
    }
    const panel = el("div", { class: panelClass, role: "listbox" });
    options.forEach((o) => {
      const node = option(o.text, o.value, o.disabled);
      node.addEventListener("mousedown", (e) => e.preventDefault());
      node.addEventListener("click", () => {
        if (o.disabled) return;
        closeOverlays();
        onPick(o.value, o.text);
      });
      panel.appendChild(node);
    });
    const pane = el("div", { class: "cdk-overlay-pane" }, [panel]);
    root.appendChild(pane);
    place(pane, anchor);
    return pane;
  }

  function selectValueNode(select) {
    return select.querySelector(".mat-select-value");
  }

  function setSelectText(select, text, value) {
    const holder = selectValueNode(select);
    holder.innerHTML = "";
    if (value === null || value === undefined) {
      holder.appendChild(el("span", { class: "mat-select-placeholder", text: select.getAttribute("placeholder") || "" }));
      delete select.dataset.value;
    } else {
      holder.appendChild(el("span", { class: "mat-select-value-text" }, [el("span", { text: text })]));
      select.dataset.value = value;
    }
  }

  /* Wire a mat-select: options is an array or a function returning one; onChange(value, text). */
  function setupSelect(select, options, onChange) {
    select._options = options;
    if (select._wired) return;
    select._wired = true;
    select.addEventListener("click", () => {
      if (select.getAttribute("aria-disabled") === "true") return;
      const list = typeof select._options === "function" ? select._options() : select._options;
      openPanel(select, list, (value, text) => {
        setSelectText(select, text, value);
        if (onChange) onChange(value, text);
      }, "mat-select-panel", true);
      select.setAttribute("aria-expanded", "true");
      select.classList.add("mat-select-open");
    });
  }

  function autocomplete(input, getOptions, onPick) {
    let pane = null;
    const hide = () => { if (pane) pane.remove(); pane = null; };
    const show = () => {
      const typed = input.value.trim().toUpperCase();
      const list = getOptions().filter((o) => o.text.toUpperCase().includes(typed));
      if (!list.length) { hide(); return; }
      pane = openPanel(input, list, (value, text) => {
        input.value = text;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        pane = null;
        if (onPick) onPick(value, text);
      }, "mat-autocomplete-panel mat-autocomplete-visible", false);
    };
    input.setAttribute("aria-autocomplete", "list");
    input.addEventListener("focus", show);
    input.addEventListener("input", (e) => { if (e.isTrusted || e.inputType) show(); });
    input.addEventListener("keyup", (e) => { if (e.key !== "Enter" && e.key !== "Escape" && e.key !== "Tab") show(); });
    // Only this input's own panel closes on blur: a select opened meanwhile must stay open.
    input.addEventListener("blur", () => setTimeout(() => { if (document.activeElement !== input) hide(); }, 150));
  }

  function chipInput(input, onChange) {
    const list = input.closest(".mat-chip-list-wrapper");
    const chips = () => Array.from(list.querySelectorAll("mat-chip")).map((c) => c.dataset.value);
    const add = () => {
      input.value.split(/[\s,;]+/).map((v) => v.trim().toUpperCase()).filter(Boolean).forEach((value) => {
        if (chips().includes(value)) return;
        const remove = icon("cancel", { matchipremove: "", class: "mat-icon material-icons mat-chip-remove" });
        const chip = el("mat-chip", { class: "mat-chip mat-standard-chip", role: "option", "data-value": value },
          [el("span", { class: "mat-chip-text" }, [value]), " ", remove]);
        remove.addEventListener("click", () => { chip.remove(); if (onChange) onChange(chips()); });
        list.insertBefore(chip, input);
      });
      input.value = "";
      if (onChange) onChange(chips());
    };
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") { e.preventDefault(); add(); }
    });
    input.addEventListener("blur", add);
    return { values: () => { add(); return chips(); } };
  }

  function toggleGroup(group, onChange) {
    group.querySelectorAll("mat-button-toggle").forEach((toggle) => {
      toggle.querySelector("button").addEventListener("click", () => {
        group.querySelectorAll("mat-button-toggle").forEach((other) => {
          const on = other === toggle;
          other.classList.toggle("mat-button-toggle-checked", on);
          other.setAttribute("aria-pressed", on ? "true" : "false");
          other.querySelector("button").setAttribute("aria-pressed", on ? "true" : "false");
        });
        if (onChange) onChange(toggle.getAttribute("value"));
      });
    });
  }

  function dialog(message, title) {
    closeOverlays();
    return new Promise((resolve) => {
      const root = overlayRoot();
      const backdrop = el("div", { class: "cdk-overlay-backdrop cdk-overlay-dark-backdrop cdk-overlay-backdrop-showing" });
      const close = el("button", { type: "button", class: "mat-focus-indicator mat-raised-button mat-button-base" },
        [el("span", { class: "mat-button-wrapper", text: "CLOSE" })]);
      const box = el("mat-dialog-container", { class: "mat-dialog-container", role: "dialog", "aria-modal": "true" }, [
        el("h2", { class: "mat-dialog-title", text: title || "Error" }),
        el("div", { class: "dialog-content mat-dialog-content" }, [el("span", { text: message })]),
        el("div", { class: "mat-dialog-actions" }, [close]),
      ]);
      const pane = el("div", { class: "cdk-overlay-pane dialog-pane" }, [box]);
      close.addEventListener("click", () => { backdrop.remove(); pane.remove(); resolve(); });
      root.appendChild(backdrop);
      root.appendChild(pane);
    });
  }

  async function postJson(url, payload) {
    const response = await fetch(url, { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload) });
    if (response.status === 401) { window.location.reload(); throw new Error("unauthorized"); }
    return response.json();
  }

  window.Mat = { el, icon, setIcon, checkbox, setChecked, isChecked, openPanel, closeOverlays, setupSelect,
    setSelectText, autocomplete, chipInput, toggleGroup, dialog, postJson };
})();
