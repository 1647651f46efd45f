// Starts TimelineJS on a published page (/p/<slug>, /embed/<slug>). A file, not an inline script, so
// the pages' Content-Security-Policy can allow scripts from our origin only. The container says what
// to load: data-source (the TimelineJS JSON), data-script-path (where TimelineJS finds its locale
// files and fonts, on our origin) and data-options (TimelineJS options).
(function () {
  "use strict";
  // Found by its place in the page, not by id: the summary's HTML may carry any id, "timeline" too.
  var el = document.querySelector("body > .band > .viewer[data-source], body > .viewer[data-source]");
  if (!el || typeof TL === "undefined") return;
  var options = JSON.parse(el.getAttribute("data-options") || "{}");
  // TimelineJS resolves its fonts with new URL(fragment, script_path): it must be absolute.
  options.script_path = new URL(el.getAttribute("data-script-path"), location.href).href;
  fetch(el.getAttribute("data-source"), { credentials: "omit" })
    .then(function (res) {
      if (!res.ok) throw new Error("the timeline's data answered " + res.status);
      return res.json();
    })
    .then(function (json) {
      // TimelineJS refuses a timeline without events; the page's chronology says so instead.
      if (!json.events || json.events.length === 0) return;
      // Shown before TimelineJS starts: it measures its container once, at construction.
      el.hidden = false;
      window.timeline = new TL.Timeline(el, json, options);
    })
    .catch(function (err) {
      // The server-rendered chronology stays; the viewer stays hidden.
      el.hidden = true;
      console.error("Dateline: could not show the timeline:", err);
    });
})();
