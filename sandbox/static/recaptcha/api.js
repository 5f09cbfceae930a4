/* The look-alike of Google's reCAPTCHA v2 loader: renders each div.g-recaptcha as an anchor iframe, a hidden
   textarea#g-recaptcha-response and a challenge iframe (api2/bframe), registers the widget in
   window.___grecaptcha_cfg, and calls the data-callback once the widget is solved. Frames talk by postMessage,
   as Google's cross-origin frames do. */
(function () {
  "use strict";
  const cfg = (window.___grecaptcha_cfg = window.___grecaptcha_cfg || { clients: {}, count: 0 });
  const widgets = [];

  function frame(src, title, name, width, height) {
    const iframe = document.createElement("iframe");
    iframe.src = src;
    iframe.title = title;
    iframe.name = name;
    iframe.width = String(width);
    iframe.height = String(height);
    iframe.setAttribute("role", "presentation");
    iframe.setAttribute("frameborder", "0");
    iframe.setAttribute("scrolling", "no");
    iframe.setAttribute("sandbox", "allow-forms allow-popups allow-same-origin allow-scripts allow-top-navigation");
    return iframe;
  }

  function render(container, options) {
    const id = cfg.count++;
    const sitekey = (options && options.sitekey) || container.dataset.sitekey;
    const callback = (options && options.callback) || container.dataset.callback;
    const params = "k=" + encodeURIComponent(sitekey) + "&co=" + btoa(location.origin) + "&hl=en&v=sandbox&size=normal&cb=" + id;
    const wrap = document.createElement("div");
    wrap.style.width = "304px";
    wrap.style.height = "78px";
    const anchor = frame("/recaptcha/api2/anchor?" + params, "reCAPTCHA", "a-" + id, 304, 78);
    wrap.appendChild(anchor);
    const area = document.createElement("textarea");
    area.id = id === 0 ? "g-recaptcha-response" : "g-recaptcha-response-" + id;
    area.name = "g-recaptcha-response";
    area.className = "g-recaptcha-response";
    area.style.display = "none";
    wrap.appendChild(area);
    container.appendChild(wrap);
    const overlay = document.createElement("div");
    overlay.style.cssText = "visibility: hidden; position: absolute; top: -10000px; left: 0; z-index: 2000000000;";
    const bframe = frame("/recaptcha/api2/bframe?" + params, "recaptcha challenge expires in two minutes", "c-" + id, 400, 580);
    overlay.appendChild(bframe);
    document.body.appendChild(overlay);
    // Google keeps a widget's parameters a few levels down under minified keys; solving guides search the
    // object for `callback`. The key names here are made up, the depth is like Google's.
    cfg.clients[id] = { id: id, D: { D: { sitekey: sitekey, size: "normal", theme: "light", callback: callback } } };
    widgets[id] = { id: id, area: area, anchor: anchor, bframe: bframe, overlay: overlay, container: container };
    return id;
  }

  function callbackOf(id) {
    const cb = cfg.clients[id].D.D.callback;
    return typeof cb === "function" ? cb : typeof cb === "string" ? window[cb] : null;
  }

  function solved(widget, token) {
    widget.area.value = token;
    hideChallenge(widget);
    widget.anchor.contentWindow.postMessage({ type: "rc-checked" }, "*");
    const cb = callbackOf(widget.id);
    if (cb) cb(token);
  }

  function showChallenge(widget) {
    const box = widget.container.getBoundingClientRect();
    widget.overlay.style.top = window.scrollY + box.top - 200 + "px";
    widget.overlay.style.left = window.scrollX + box.left + "px";
    widget.overlay.style.visibility = "visible";
    widget.bframe.contentWindow.postMessage({ type: "rc-open" }, "*");
  }

  function hideChallenge(widget) {
    widget.overlay.style.visibility = "hidden";
    widget.overlay.style.top = "-10000px";
  }

  window.addEventListener("message", (event) => {
    const widget = widgets.find((w) => w && (w.anchor.contentWindow === event.source || w.bframe.contentWindow === event.source));
    if (!widget || !event.data) return;
    if (event.data.type === "rc-solved") solved(widget, event.data.token);
    if (event.data.type === "rc-challenge") showChallenge(widget);
  });

  window.grecaptcha = {
    render: (element, options) => render(typeof element === "string" ? document.getElementById(element) : element, options),
    getResponse: (id) => (widgets[id || 0] ? widgets[id || 0].area.value : ""),
    reset: (id) => {
      const widget = widgets[id || 0];
      if (!widget) return;
      widget.area.value = "";
      hideChallenge(widget);
      widget.anchor.contentWindow.postMessage({ type: "rc-reset" }, "*");
    },
    execute: () => undefined,
    ready: (cb) => cb(),
  };
  document.querySelectorAll("div.g-recaptcha").forEach((el) => render(el));
})();
