/* The login page: only the reCAPTCHA widget's callback enables #btnLogin (a token typed into the textarea alone
   does not); the callback also copies the token into #hdnToken, which the form posts. */
(function () {
  "use strict";
  const button = document.getElementById("btnLogin");
  const hidden = document.getElementById("hdnToken");
  window.onLoginCaptcha = function (token) {
    hidden.value = token;
    button.disabled = false;
    button.removeAttribute("disabled");
  };
  window.onLoginCaptchaExpired = function () {
    hidden.value = "";
    button.disabled = true;
  };
})();
