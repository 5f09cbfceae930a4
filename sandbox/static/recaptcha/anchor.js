/* The anchor frame: a click asks the server whether to pass at once or to open the challenge frame. */
(function () {
  "use strict";
  const box = document.getElementById("recaptcha-anchor");
  const key = new URLSearchParams(location.search).get("k") || "";
  let busy = false;
  function setChecked(checked) {
    box.setAttribute("aria-checked", checked ? "true" : "false");
    box.classList.toggle("recaptcha-checkbox-checked", checked);
    box.classList.toggle("recaptcha-checkbox-unchecked", !checked);
    box.classList.remove("recaptcha-checkbox-loading");
  }
  box.addEventListener("click", async () => {
    if (busy || box.getAttribute("aria-checked") === "true") return;
    busy = true;
    box.classList.add("recaptcha-checkbox-loading");
    try {
      const response = await fetch("/recaptcha/api2/anchor/click?k=" + encodeURIComponent(key), { method: "POST" });
      const answer = await response.json();
      if (answer.token) {
        setChecked(true);
        parent.postMessage({ type: "rc-solved", token: answer.token }, "*");
      } else if (answer.challenge) {
        parent.postMessage({ type: "rc-challenge" }, "*");
      }
    } finally {
      busy = false;
    }
  });
  window.addEventListener("message", (event) => {
    if (event.source !== parent || !event.data) return;
    if (event.data.type === "rc-checked") setChecked(true);
    if (event.data.type === "rc-reset") setChecked(false);
  });
})();
