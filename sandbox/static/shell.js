/* The Angular app shell's hooks: `getAllAngularTestabilities()` (stable = no request in flight and the page
   settled), and nav links that point at the other E-Modal hosts when served under the real host names. */
(function () {
  "use strict";
  let pending = 0;
  let waiters = [];
  const settle = () => {
    if (pending > 0 || document.readyState !== "complete") return;
    const ready = waiters;
    waiters = [];
    ready.forEach((cb) => setTimeout(() => cb(true), 0));
  };
  const begin = () => { pending++; };
  const end = () => { pending = Math.max(0, pending - 1); setTimeout(settle, 0); };
  const originalFetch = window.fetch;
  window.fetch = function (...args) {
    begin();
    return originalFetch.apply(this, args).then((r) => { end(); return r; }, (e) => { end(); throw e; });
  };
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    begin();
    this.addEventListener("loadend", end);
    return send.apply(this, args);
  };
  const testability = {
    isStable: () => pending === 0 && document.readyState === "complete",
    whenStable: (cb) => { waiters.push(cb); settle(); },
  };
  window.getAllAngularTestabilities = () => [testability];
  window.getAngularTestability = () => testability;
  window.addEventListener("load", () => {
    settle();
    const host = location.hostname;
    if (!host.endsWith(".emodal.com")) return;
    document.querySelectorAll("a[data-site]").forEach((a) => {
      a.href = "https://" + a.dataset.site + ".emodal.com" + a.getAttribute("href");
    });
  });
})();
