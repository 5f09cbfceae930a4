/* The challenge frame: image tiles (never solvable here) and the audio challenge; a wrong answer loads a new one. */
(function () {
  "use strict";
  const $ = (selector) => document.querySelector(selector);
  const images = $("#rc-imageselect");
  const audioPanel = $("#rc-audio");
  const audio = $("#audio-source");
  const download = $(".rc-audiochallenge-tdownload-link");
  const answer = $("#audio-response");
  const error = $(".rc-audiochallenge-error-message");
  let challengeId = "";

  function showError(text) {
    error.textContent = text;
    error.hidden = !text;
  }
  async function loadAudio() {
    const response = await fetch("/recaptcha/api2/reload" + location.search, { method: "POST" });
    const challenge = await response.json();
    challengeId = challenge.id;
    audio.src = challenge.audio;
    download.href = challenge.audio;
    answer.value = "";
    images.hidden = true;
    audioPanel.hidden = false;
  }
  document.querySelectorAll(".rc-imageselect-tile").forEach((tile) =>
    tile.addEventListener("click", () => tile.classList.toggle("rc-imageselect-tileselected")));
  $("#recaptcha-audio-button").addEventListener("click", () => { showError(""); loadAudio(); });
  $(".rc-audiochallenge-play-button").addEventListener("click", () => audio.play().catch(() => undefined));
  $("#recaptcha-verify-button").addEventListener("click", async () => {
    if (audioPanel.hidden) {
      showError("Please select all matching images.");
      return;
    }
    const response = await fetch("/recaptcha/api2/userverify", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ c: challengeId, response: answer.value }),
    });
    const result = await response.json();
    if (result.token) {
      showError("");
      parent.postMessage({ type: "rc-solved", token: result.token }, "*");
      return;
    }
    showError("Multiple correct solutions required - please solve more.");
    await loadAudio();
  });
  window.addEventListener("message", (event) => {
    if (event.source !== parent || !event.data || event.data.type !== "rc-open") return;
    showError("");
    challengeId = "";
    audio.removeAttribute("src");
    images.hidden = false;
    audioPanel.hidden = true;
  });
})();
