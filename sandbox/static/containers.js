/* Containers list: rows arrive 30 at a time when #searchres itself scrolls near its bottom. */
(function () {
  "use strict";
  const { el, icon, setIcon, checkbox, isChecked, setChecked } = window.Mat;
  const box = document.getElementById("searchres");
  const body = box.querySelector("tbody");
  const loadingBar = document.getElementById("loadingMore");
  const count = document.getElementById("listCount");
  const selectAll = box.querySelector("thead mat-checkbox");
  let nextPage = 0, loading = false, finished = false, total = 0;

  function textCell(index, value, last) {
    return el("span", { class: "c col-" + index }, [value + (last ? "" : "\t")]);
  }

  function blockCell(index, children) {
    return el("span", { class: "b col-" + index }, children);
  }

  function field(label, value, extra) {
    return el("div", { class: "field" }, [el("div", { class: "field-label", text: label }),
      el("div", { class: "field-data" + (extra ? " " + extra : ""), text: value })]);
  }

  function timeline(milestones) {
    const rows = milestones.map(([name, when, reached]) => el("div", { fxlayout: "row", class: "timeline-row" }, [
      el("div", { class: "timeline-divider " + (reached ? "dividerflowcolor" : "horizontalconflow") }),
      el("div", { class: "curr-loc-div" }, [el("span", { class: "location-details-label", text: name }),
        el("span", { class: "location-details-label", text: when })]),
    ]));
    return el("app-containerflow", {}, [el("div", { class: "timeline" }, rows)]);
  }

  function detailRow(row) {
    const d = row.detail;
    const sections = d.sections.map(([title, fields]) => el("div", { class: "detail-section" },
      [el("h4", { class: "section-title", text: title })].concat(fields.map(([l, v]) => field(l, v)))));
    const content = el("div", { class: "container-detail" }, [
      el("div", { class: "detail-head" }, [el("div", { class: "terminal-name", text: d.terminal }),
        field("Status", d.status), field("Booking #", d.booking, "btn-link")]),
      el("div", { class: "detail-body" }, [el("div", { class: "detail-sections" }, sections),
        el("div", { class: "detail-timeline" }, [el("h4", { class: "section-title", text: "Timeline" }),
          timeline(d.milestones)])]),
    ]);
    return el("tr", { class: "detail-row" }, [el("td", { class: "detail-cell" }, [content])]);
  }

  function addRow(row) {
    const expander = icon("keyboard_arrow_right", { class: "mat-icon material-icons expand-icon" });
    const tr = el("tr", { class: "mat-row element-row", "data-number": row.number });
    const c = row.cells;
    const parts = [el("span", { class: "c c-sel" }, [checkbox()]), el("span", { class: "b c-exp" }, [expander])];
    for (let i = 0; i < 15; i++) parts.push(textCell(i, c[i], i === 14));
    for (let i = 15; i < 18; i++) parts.push(blockCell(i, [el("div", { class: "cell-text", text: c[i] })]));
    parts.push(el("span", { class: "b c-actions" }, [icon("info"), icon("more_vert")]));
    tr.appendChild(el("td", { class: "row-cell" }, parts));
    if (isChecked(selectAll)) setChecked(tr.querySelector("mat-checkbox"), true);
    expander.addEventListener("click", () => {
      const open = tr.nextElementSibling && tr.nextElementSibling.classList.contains("detail-row");
      if (open) { tr.nextElementSibling.remove(); setIcon(expander, "keyboard_arrow_right"); }
      else { tr.after(detailRow(row)); setIcon(expander, "keyboard_arrow_down"); }
      tr.classList.toggle("expanded-row", !open);
    });
    body.appendChild(tr);
  }

  async function loadNext() {
    if (loading || finished) return;
    loading = true;
    loadingBar.hidden = false;
    try {
      const response = await fetch("/api/containers?page=" + nextPage, { credentials: "same-origin" });
      if (response.status === 401) { window.location.reload(); return; }
      const data = await response.json();
      data.rows.forEach(addRow);
      total = data.total;
      nextPage += 1;
      finished = !data.hasMore;
      count.textContent = body.querySelectorAll("tr.element-row").length + " of " + total;
    } finally {
      loading = false;
      loadingBar.hidden = true;
    }
  }

  box.addEventListener("scroll", () => {
    if (box.scrollTop + box.clientHeight >= box.scrollHeight - 60) loadNext();
  });

  selectAll.addEventListener("mat-change", (e) => {
    body.querySelectorAll("tr.element-row mat-checkbox").forEach((b) => setChecked(b, e.detail));
  });

  document.getElementById("exportXls").addEventListener("click", () => {
    let url = "/api/containers/export.xlsx";
    if (!isChecked(selectAll)) {
      const picked = Array.from(body.querySelectorAll("tr.element-row"))
        .filter((tr) => isChecked(tr.querySelector("mat-checkbox")))
        .map((tr) => tr.dataset.number).filter((n) => n !== "N/A");
      if (picked.length) url += "?ids=" + encodeURIComponent(picked.join(","));
    }
    window.location.href = url;
  });

  loadNext();
})();
