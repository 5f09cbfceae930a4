/* The reCAPTCHA stand-in: the login button waits for a token in #g-recaptcha-response or #hdnToken. */
(function () {
  "use strict";
  const button = document.getElementById("btnLogin");
  const response = document.getElementById("g-recaptcha-response");
  const hidden = document.getElementById("hdnToken");
  const check = document.getElementById("recaptchaCheck");
  function sync() {
    const token = (response.value || hidden.value || "").trim();
    if (token) {
      button.disabled = false;
      check.classList.add("recaptcha-checked");
      if (!hidden.value) hidden.value = token;
    }
  }
  setInterval(sync, 200);
  check.addEventListener("click", () => check.classList.add("recaptcha-spinning"));
})();
