/* The slow wizard: the stepper's view arrives from the server after a while, then the wizard script starts. */
(async function () {
  "use strict";
  const response = await fetch("/trucker/web/api/addvisit-view", { credentials: "same-origin" });
  if (response.status === 401) { window.location.reload(); return; }
  const main = document.querySelector("main.page-body");
  main.querySelector(".page-loading").remove();
  main.insertAdjacentHTML("beforeend", await response.text());
  const script = document.createElement("script");
  script.src = "/static/addvisit.js";
  document.body.appendChild(script);
})();
