/* My Appointments: 30 rows at a time, more when the window scrolls to the bottom. */
(function () {
  "use strict";
  const M = window.Mat;
  const { el } = M;
  const table = document.querySelector(".appointments-table");
  const body = table.querySelector("tbody");
  const count = document.getElementById("listCount");
  const loadingBar = document.getElementById("loadingMore");
  const selectAll = M.checkbox();
  table.querySelector("thead .select-cell").appendChild(selectAll);
  let nextPage = 0, loading = false, finished = false;

  function addRow(values) {
    const cells = [el("td", {}, [M.checkbox()])];
    values.forEach((v, i) => cells.push(el("td", { class: "col-" + i },
      i === values.length - 1 ? [el("span", { class: "status-chip", text: v })] : [v])));
    const row = el("tr", { class: "mat-row", "data-appointment": values[0] }, cells);
    if (M.isChecked(selectAll)) M.setChecked(row.querySelector("mat-checkbox"), true);
    body.appendChild(row);
  }

  async function loadNext() {
    if (loading || finished) return;
    loading = true;
    loadingBar.hidden = false;
    try {
      const response = await fetch("/api/appointments?page=" + nextPage, { credentials: "same-origin" });
      if (response.status === 401) { window.location.reload(); return; }
      const data = await response.json();
      data.rows.forEach(addRow);
      nextPage += 1;
      finished = !data.hasMore;
      count.textContent = body.querySelectorAll("tr").length + " of " + data.total;
    } finally {
      loading = false;
      loadingBar.hidden = true;
    }
  }

  window.addEventListener("scroll", () => {
    if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 80) loadNext();
  });
  selectAll.addEventListener("mat-change", (e) => {
    body.querySelectorAll("mat-checkbox").forEach((b) => M.setChecked(b, e.detail));
  });
  document.getElementById("exportXls").addEventListener("click", () => {
    window.location.href = "/api/appointments/export.xlsx";
  });
  loadNext();
})();
