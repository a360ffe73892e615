/* Says at once, in words, when the page can no longer save anything: its kernel is gone (culled
   when idle, killed, lost with a server restart) or the server cannot be reached. A banner at
   the top reads "Connection lost. ... everything up to 10:42 is saved." (the time of the last
   save the page showed: the kernel marks its "saved" notes with data-viw-saved-at, see
   widgets/ui/saved_mark.py), with a "Reload the page" button that reopens the saved work, and
   every control on the page is disabled or read-only, so nothing typed into a dead page looks
   saved.

   No one sign sees every case (checked on Voila 0.5.13), so three are watched:
   - The kernel connection's own signals (window.jupyterapp.widgetManager.kernel, a JupyterLab
     KernelConnection). A kernel that dies is restarted, empty, by the server, which first says
     "restarting" over the websocket; a websocket that drops (server stopped, network gone) turns
     the connection to "connecting". Both arrive within a second.
   - A light look at the kernel, GET api/kernels/<id>. A kernel the server shuts down (the idle
     culler) sends nothing at all, and its websocket stays open: only this sees it (404). Every
     15 s, and at once when the person comes back to the page (focus, a key, a click), so they
     cannot type into a page whose kernel went while they were away. The server does not count
     it as kernel activity, so idle kernels are still culled.
   - The browser's offline event.
   A kernel that is gone stays gone (a restarted kernel has none of the page's widgets). A
   dropped connection may come back (a network blip: the server keeps the kernel's messages and
   the connection reconnects by itself): once it is connected and the kernel answers again, the
   banner goes and the controls come back. Nothing is reported while the page is being left. */
(function () {
  const CHECK_EVERY_MS = 15000;
  const RETRY_MS = 2000; // while unreachable, and to confirm a first failed look
  const AT_MOST_EVERY_MS = 3000; // looks prompted by keys and clicks
  const TIMEOUT_MS = 8000;
  const CONTROLS = "input, textarea, select, button";
  const TYPED = "textarea, input:not([type]), input[type=text], input[type=search], input[type=email], " +
    "input[type=tel], input[type=url], input[type=password], input[type=number], input[type=date], " +
    "input[type=time], input[type=datetime-local], input[type=month], input[type=week]";
  const KERNEL_GONE = ["dead", "restarting", "autorestarting"];
  let state = "ok"; // "unreachable" (may come back) or "gone" (for good)
  let leaving = false;
  let kernel = null;
  let banner = null;
  let timer = 0;
  let lastLook = 0;
  let looking = false;
  let failures = 0;

  function pageConfig() {
    const element = document.getElementById("jupyter-config-data");
    try {
      return element ? JSON.parse(element.textContent) : null;
    } catch (error) {
      return null;
    }
  }

  function bannerElement() {
    if (!banner) {
      banner = document.createElement("div");
      banner.id = "viw-connection";
      banner.className = "viw-connection";
      banner.setAttribute("role", "alert"); // there and empty from the start, so its message is announced
      document.body.prepend(banner); // first on the page, and the first Tab stop
    }
    return banner;
  }

  function lastSave() {
    let last = null;
    document.querySelectorAll("[data-viw-saved-at]").forEach(function (note) {
      const at = new Date(note.dataset.viwSavedAt);
      if (!isNaN(at) && (!last || at > last.at)) last = { at: at, link: note.dataset.viwResume || "" };
    });
    return last;
  }

  function when(at) {
    const time = at.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
    if (at.toDateString() === new Date().toDateString()) return time;
    return time + " on " + at.toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long" });
  }

  function reload(link) {
    leaving = true;
    const target = link ? new URL(link, location.href).href : location.href;
    if (target === location.href) location.reload();
    else location.assign(target); // the saved work's own link: a plain reload of a page opened without one starts empty
  }

  function show() {
    const element = bannerElement();
    element.dataset.viwConnection = state;
    if (element.firstChild) return; // told once; a second message would be announced again
    const saved = lastSave();
    const text = document.createElement("p");
    const title = document.createElement("strong");
    title.textContent = "Connection lost.";
    text.append(title, " Nothing you do on this page now can be saved. Reload the page to carry on" +
      (saved ? "; everything up to " + when(saved.at) + " is saved." : "."));
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Reload the page";
    button.addEventListener("click", function () { reload(saved && saved.link); });
    element.append(text, button);
    document.body.classList.add("viw-connection-lost");
    window.dispatchEvent(new Event("resize")); // the page's panels make room for the banner
    const focused = document.activeElement;
    const hadFocus = focused && focused.matches(CONTROLS) && !focused.disabled && !focused.readOnly;
    freeze();
    if (hadFocus) button.focus(); // its control is disabled: the focus would drop to the top of the page
  }

  /* Boxes people type in become read-only: what they hold can still be read, selected and
     copied, and the scrolling box around a long answer keeps a keyboard stop (axe:
     scrollable-region-focusable). Every other control (buttons, choices, lists) is disabled. */
  function freeze() {
    document.querySelectorAll(CONTROLS).forEach(function (control) {
      if (control.disabled || control.readOnly || (banner && banner.contains(control))) return;
      const how = control.matches(TYPED) ? "readOnly" : "disabled";
      control[how] = true;
      control.dataset.viwFrozen = how;
    });
  }

  function recover() {
    state = "ok";
    failures = 0;
    if (banner) {
      banner.textContent = "";
      delete banner.dataset.viwConnection;
    }
    document.body.classList.remove("viw-connection-lost");
    window.dispatchEvent(new Event("resize"));
    document.querySelectorAll("[data-viw-frozen]").forEach(function (control) {
      control[control.dataset.viwFrozen] = false;
      delete control.dataset.viwFrozen;
    });
  }

  function lost(how) {
    if (leaving || state === "gone") return;
    state = how === "gone" ? "gone" : "unreachable";
    clearTimeout(timer);
    if (state === "unreachable") timer = setTimeout(look, RETRY_MS);
    show();
  }

  async function look() {
    const config = pageConfig();
    if (leaving || looking || state === "gone" || !config || !config.kernelId) return;
    looking = true;
    lastLook = Date.now();
    clearTimeout(timer);
    const base = (config.baseUrl || "/").replace(/\/?$/, "/");
    const abort = new AbortController();
    const timeout = setTimeout(function () { abort.abort(); }, TIMEOUT_MS);
    let answer = "unknown"; // any other reply (signed out, a proxy's page) says nothing about the kernel
    try {
      const response = await fetch(base + "api/kernels/" + encodeURIComponent(config.kernelId),
        { cache: "no-store", credentials: "same-origin", signal: abort.signal });
      if (response.status === 404) answer = "gone";
      else if (response.ok) answer = (await response.json()).execution_state === "dead" ? "gone" : "alive";
    } catch (error) {
      answer = "unreachable";
    } finally {
      clearTimeout(timeout);
      looking = false;
    }
    if (leaving || state === "gone") return;
    if (answer === "gone") return lost("gone");
    if (answer === "unreachable") {
      failures += 1;
      if (failures > 1 || state !== "ok") return lost("unreachable"); // one failure may be a slow moment
      timer = setTimeout(look, RETRY_MS);
      return;
    }
    failures = 0;
    if (state === "unreachable" && navigator.onLine && (!kernel || kernel.connectionStatus === "connected")) recover();
    timer = setTimeout(look, state === "ok" ? CHECK_EVERY_MS : RETRY_MS);
  }

  // A key or click looks at once, or, if a look was made moments ago, as soon as the last one
  // is AT_MOST_EVERY_MS old: a person back at the page always hears within a few seconds.
  let soon = null;
  function lookSoon() {
    const wait = AT_MOST_EVERY_MS - (Date.now() - lastLook);
    if (wait <= 0) return look();
    if (!soon) soon = setTimeout(function () { soon = null; look(); }, wait);
  }

  function watch(connection) {
    kernel = connection;
    let connected = connection.connectionStatus === "connected";
    connection.statusChanged.connect(function (_, status) {
      if (KERNEL_GONE.includes(status)) lost("gone");
    });
    connection.connectionStatusChanged.connect(function (_, status) {
      if (status === "connected") {
        connected = true;
        if (state === "unreachable") look();
      } else if (connected && status === "connecting") {
        lost("unreachable");
      } else if (connected && status === "disconnected") {
        lost("gone"); // it gave up reconnecting
      }
    });
    if (KERNEL_GONE.includes(connection.status)) lost("gone");
  }

  function findKernel(tries) {
    const app = window.jupyterapp; // Voila's app, set once it has started
    if (app && app.widgetManagerPromise) {
      app.widgetManagerPromise.promise.then(function (manager) {
        if (manager && manager.kernel) watch(manager.kernel);
      });
    } else if (tries > 0) {
      setTimeout(function () { findKernel(tries - 1); }, 250);
    }
  }

  document.addEventListener("DOMContentLoaded", bannerElement);
  window.addEventListener("load", function () {
    findKernel(2400);
    timer = setTimeout(look, CHECK_EVERY_MS);
  });
  ["focusin", "keydown", "pointerdown"].forEach(function (type) {
    document.addEventListener(type, lookSoon, true);
  });
  document.addEventListener("visibilitychange", function () { if (!document.hidden) look(); });
  window.addEventListener("online", look);
  window.addEventListener("offline", function () { lost("unreachable"); });
  window.addEventListener("beforeunload", function () { leaving = true; });
  window.addEventListener("pagehide", function () { leaving = true; });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { leaving = false; look(); }
  });
  whenPageChanges(function () {
    if (state !== "ok") freeze(); // anything drawn after the loss is frozen too
  });
})();
