/* New-appointment wizard: three stepper phases, each checked by the server before moving on. */
(function () {
  "use strict";
  const M = window.Mat;
  const { el } = M;
  const data = JSON.parse(document.getElementById("wizardData").textContent);
  const IMPORT_MOVES = ["PICK FULL", "DROP EMPTY"];
  const NO_SLOTS = "No Appointments Available";
  const wiz = { step: 1, trucking: "", terminal: "", move: "", chips: null, units: [], slots: [], slot: "",
    ownChassis: "NO" };
  const steps = [1, 2, 3].map((n) => document.getElementById("step" + n));
  const headers = Array.from(document.querySelectorAll("mat-step-header"));
  const next = document.getElementById("btnNext");
  const back = document.getElementById("btnBack");

  function formField(label, control, extra) {
    return el("mat-form-field", { class: "mat-form-field" + (extra ? " " + extra : "") }, [
      el("div", { class: "mat-form-field-wrapper" }, [el("div", { class: "mat-form-field-flex" }, [
        el("div", { class: "mat-form-field-infix" }, [control, el("span", { class: "mat-form-field-label-wrapper" },
          [el("label", { class: "mat-form-field-label" }, [el("mat-label", { text: label })])])]),
      ])]),
    ]);
  }

  function selectField(label, name, options, onChange) {
    const select = el("mat-select", { class: "mat-select", role: "combobox", tabindex: "0", formcontrolname: name,
      "aria-expanded": "false", placeholder: label }, [el("div", { class: "mat-select-trigger" }, [
      el("div", { class: "mat-select-value" }, [el("span", { class: "mat-select-placeholder", text: label })]),
      el("div", { class: "mat-select-arrow-wrapper" }, [el("div", { class: "mat-select-arrow" })])])]);
    M.setupSelect(select, options, onChange);
    return formField(label, select);
  }

  function inputField(label, name, attrs) {
    const input = el("input", Object.assign({ class: "mat-input-element", formcontrolname: name,
      autocomplete: "off" }, attrs || {}));
    return formField(label, input);
  }

  function chipField(label, name, placeholder) {
    const input = el("input", { class: "mat-chip-input mat-input-element", formcontrolname: name, placeholder });
    const list = el("mat-chip-list", { class: "mat-chip-list", role: "listbox" },
      [el("div", { class: "mat-chip-list-wrapper" }, [input])]);
    const field = formField(label, list, "chip-field");
    wiz.chips = M.chipInput(input);
    return field;
  }

  const asOptions = (values) => values.map((v) => ({ text: v, value: v }));
  const isImport = () => IMPORT_MOVES.includes(wiz.move);
  const q = (sel) => document.querySelector(sel);

  function renderMoveDetails() {
    const box = document.getElementById("moveDetails");
    box.innerHTML = "";
    wiz.chips = null;
    if (!wiz.move) return;
    if (isImport() && !data.variant) {
      box.appendChild(chipField("Container Number(s)", "containerNumber", "Container number(s)"));
    } else if (isImport()) {
      const line = inputField("Line", "line");
      const size = inputField("Equip Size", "equipSize");
      box.append(line, size, inputField("Quantity", "quantity", { type: "number", min: "1", value: "1" }));
      M.autocomplete(line.querySelector("input"), () => asOptions(data.lines));
      M.autocomplete(size.querySelector("input"), () => asOptions(data.sizes));
    } else {
      box.append(chipField("Booking Number", "bookingNumber", "Booking number"),
        inputField("Quantity", "quantity", { type: "number", min: "1", value: "1" }));
    }
  }

  function buildStep1() {
    steps[0].append(
      selectField("Trucking", "truckingCompany", asOptions(data.companies), (v) => { wiz.trucking = v; }),
      selectField("Terminal", "terminal", asOptions(data.terminals), (v) => { wiz.terminal = v; }),
      selectField("Move", "moveType", asOptions(data.moves), (v) => { wiz.move = v; renderMoveDetails(); }),
      el("div", { id: "moveDetails", class: "move-details" }));
  }

  function payload() {
    const value = (sel) => { const n = q(sel); return n ? n.value.trim() : ""; };
    const chips = wiz.chips ? wiz.chips.values() : [];
    const rows = Array.from(document.querySelectorAll("#step2 tbody tr"));
    const picked = rows.filter((r) => M.isChecked(r.querySelector("mat-checkbox")));
    return {
      trucking: wiz.trucking, terminal: wiz.terminal, move: wiz.move, variant: data.variant && isImport(),
      containers: isImport() ? chips : [], bookingNumber: isImport() ? "" : (chips[0] || ""),
      quantity: value("#step1 input[formcontrolname='quantity']") || 0,
      line: value("input[formcontrolname='line']"), equipSize: value("input[formcontrolname='equipSize']"),
      selected: picked.length, pin: picked.map((r) => { const p = r.querySelector("input[formcontrolname='Pin']");
        return p ? p.value.trim() : ""; }).filter(Boolean).join(","),
      plate: value("input[formcontrolname='Plate']"), ownChassis: wiz.ownChassis, slot: wiz.slot,
    };
  }

  function buildStep2() {
    const box = steps[1];
    box.innerHTML = "";
    const all = M.checkbox();
    const head = [el("th", {}, [all]), el("th", { text: isImport() && !data.variant ? "Container #" : "Unit" })];
    if (isImport()) head.push(el("th", { text: "PIN" }));
    else ["Unit #", "Seal 1", "Seal 2", "Seal 3", "Seal 4"].forEach((t) => head.push(el("th", { text: t })));
    const rows = wiz.units.map((unit) => {
      const cells = [el("td", {}, [M.checkbox()]), el("td", { class: "unit-name", text: unit })];
      if (isImport()) cells.push(el("td", {}, [el("input", { class: "mat-input-element", formcontrolname: "Pin",
        placeholder: "PIN (optional)" })]));
      else {
        cells.push(el("td", {}, [el("input", { class: "mat-input-element", formcontrolname: "Unit", maxlength: "11" })]));
        [1, 2, 3, 4].forEach((n) => cells.push(el("td", {}, [el("input", { class: "mat-input-element",
          formcontrolname: "Seal" + n + "_Num" })])));
      }
      return el("tr", { class: "mat-row" }, cells);
    });
    const table = el("table", { class: "mat-table units-table" }, [el("thead", {}, [el("tr", {}, head)]),
      el("tbody", {}, rows)]);
    all.addEventListener("mat-change", (e) => rows.forEach((r) => M.setChecked(r.querySelector("mat-checkbox"), e.detail)));
    const plate = inputField("Truck Plate", "Plate", { placeholder: "Truck plate" });
    M.autocomplete(plate.querySelector("input"), () => asOptions(data.plates));
    const toggle = (v) => el("mat-button-toggle", { class: "mat-button-toggle" + (v === wiz.ownChassis ?
      " mat-button-toggle-checked" : ""), value: v, "aria-pressed": v === wiz.ownChassis ? "true" : "false" },
      [el("button", { type: "button", class: "mat-button-toggle-button", "aria-pressed": v === wiz.ownChassis ?
        "true" : "false" }, [el("span", { class: "mat-button-toggle-label-content", text: v })])]);
    const group = el("mat-button-toggle-group", { class: "mat-button-toggle-group", formcontrolname: "OwnChassis",
      role: "group", name: "ownChassis" }, [toggle("YES"), toggle("NO")]);
    M.toggleGroup(group, (v) => { wiz.ownChassis = v; });
    box.append(table, el("div", { class: "truck-row" }, [plate, el("div", { class: "own-chassis" },
      [el("span", { class: "toggle-label", text: "Own Chassis" }), group])]));
  }

  function slotSelect(slots) {
    const options = slots.length ? slots.map((s) => ({ text: s.label, value: s.id }))
      : [{ text: NO_SLOTS, value: "", disabled: true }];
    return selectField("Appointment", "slot", options, (v) => { wiz.slot = v; });
  }

  function calendar(anchor, slots, onPick) {
    const days = new Set(slots.map((s) => s.day));
    const first = new Date(data.today + "T00:00:00");
    first.setDate(first.getDate() - first.getDay());
    const rows = [];
    for (let w = 0; w < 2; w++) {
      const cells = [];
      for (let d = 0; d < 7; d++) {
        const day = new Date(first);
        day.setDate(first.getDate() + w * 7 + d);
        const iso = day.getFullYear() + "-" + String(day.getMonth() + 1).padStart(2, "0") + "-" +
          String(day.getDate()).padStart(2, "0");
        const open = days.has(iso);
        const cell = el("td", { class: "mat-calendar-body-cell" + (open ? "" : " mat-calendar-body-disabled"),
          role: "gridcell", "aria-label": day.toDateString(), "aria-disabled": open ? "false" : "true",
          "data-date": iso }, [el("div", { class: "mat-calendar-body-cell-content", text: String(day.getDate()) })]);
        if (open) cell.addEventListener("click", () => { M.closeOverlays(); onPick(iso); });
        cells.push(cell);
      }
      rows.push(el("tr", {}, cells));
    }
    const head = el("tr", {}, ["S", "M", "T", "W", "T", "F", "S"].map((d) => el("th", { text: d })));
    const panel = el("mat-calendar", { class: "mat-calendar" }, [
      el("div", { class: "mat-calendar-header", text: first.toLocaleString("en-US", { month: "long", year: "numeric" }) }),
      el("table", { class: "mat-calendar-table" }, [el("thead", {}, [head]), el("tbody", {}, rows)])]);
    M.closeOverlays();
    const pane = el("div", { class: "cdk-overlay-pane mat-datepicker-popup" }, [panel]);
    document.querySelector(".cdk-overlay-container").appendChild(pane);
    const rect = anchor.getBoundingClientRect();
    pane.style.left = rect.left + "px";
    pane.style.top = (rect.bottom + 4) + "px";
  }

  function buildStep3() {
    const box = steps[2];
    box.innerHTML = "";
    wiz.slot = "";
    if (isImport()) { box.appendChild(slotSelect(wiz.slots)); return; }
    const dateInput = el("input", { class: "mat-input-element", formcontrolname: "apptDate", readonly: "",
      placeholder: "MM/DD/YYYY" });
    const toggleButton = el("button", { type: "button", class: "mat-icon-button mat-datepicker-toggle",
      "aria-label": "Open calendar" }, [M.icon("calendar_month")]);
    const holder = el("div", { class: "slot-holder" });
    toggleButton.addEventListener("click", () => calendar(toggleButton, wiz.slots, (iso) => {
      const [y, m, d] = iso.split("-");
      dateInput.value = m + "/" + d + "/" + y;
      holder.innerHTML = "";
      wiz.slot = "";
      holder.appendChild(slotSelect(wiz.slots.filter((s) => s.day === iso)));
    }));
    box.append(el("div", { class: "date-row" }, [formField("Appointment Date", dateInput), toggleButton]), holder);
    if (!wiz.slots.length) holder.appendChild(slotSelect([]));
  }

  function goTo(n) {
    wiz.step = n;
    headers.forEach((h, i) => {
      h.setAttribute("aria-selected", i + 1 === n ? "true" : "false");
      h.classList.toggle("done", i + 1 < n);
    });
    steps.forEach((s, i) => { s.hidden = i + 1 !== n; s.setAttribute("aria-expanded", i + 1 === n ? "true" : "false"); });
    back.hidden = n === 1;
    next.querySelector("span").textContent = n === 3 ? "Submit" : "Next";
  }

  function confirm(a) {
    const rows = [["Terminal", a.terminal], ["Move", a.move], ["Appointment", a.slot], ["Truck Plate", a.plate],
      ["Own Chassis", a.ownChassis], [a.bookingNumber ? "Booking #" : "Container(s)",
        a.bookingNumber || a.containers.join(", ")]];
    const box = document.getElementById("confirmation");
    box.append(el("h2", {}, [M.icon("check_circle"), "Appointment Confirmed"]),
      el("p", { class: "confirmation-text" }, ["Your appointment has been booked. Appointment Number: ",
        el("span", { class: "appointment-number", text: a.number })]),
      el("table", { class: "confirmation-table" }, rows.map(([k, v]) => el("tr", {}, [el("td", { text: k }),
        el("td", { text: v })]))),
      el("div", { class: "stepper-actions" }, [el("a", { class: "mat-stroked-button", href: "/trucker/web/addvisit",
        text: "New Appointment" }), el("a", { class: "mat-raised-button mat-primary", href: "/myappointments",
        text: "My Appointments" })]));
    document.getElementById("wizard").hidden = true;
    box.hidden = false;
  }

  async function advance() {
    const body = payload();
    if (wiz.step === 1) {
      if (!wiz.trucking || !wiz.terminal || !wiz.move) return void M.dialog("Please select Trucking, Terminal and Move");
      const answer = await M.postJson("/trucker/web/api/phase1", body);
      if (!answer.ok) return void M.dialog(answer.error);
      wiz.units = answer.units;
      buildStep2();
      goTo(2);
    } else if (wiz.step === 2) {
      const answer = await M.postJson("/trucker/web/api/phase2", body);
      if (!answer.ok) return void M.dialog(answer.error);
      wiz.slots = answer.slots;
      buildStep3();
      goTo(3);
    } else {
      if (!wiz.slot) return void M.dialog("Please select an appointment time");
      const answer = await M.postJson("/trucker/web/api/submit", body);
      if (!answer.ok) return void M.dialog(answer.error);
      confirm(answer.appointment);
    }
  }

  let busy = false;
  next.addEventListener("click", async () => {
    if (busy) return;
    busy = true;
    next.disabled = true;
    try { await advance(); } finally { busy = false; next.disabled = false; }
  });
  back.addEventListener("click", () => goTo(Math.max(1, wiz.step - 1)));
  buildStep1();
  goTo(1);
})();
