// The editor's live Preview (/timelinejs-frame): renders the TimelineJS JSON its parent page posts,
// as {type: "dateline:timelinejs", json}, and tells the parent it is ready to receive it with
// {type: "dateline:timelinejs-ready"}. Only a same-origin parent is listened to: the JSON becomes HTML.
(function () {
  "use strict";
  var host = document.getElementById("timeline");
  if (!host || typeof TL === "undefined") return;
  var options = JSON.parse(host.getAttribute("data-options") || "{}");
  options.script_path = new URL(host.getAttribute("data-script-path"), location.href).href;
  var current = null;

  function render(json) {
    // Where the reader was, so a re-render after an edit stays on the same slide.
    var at = current && current.current_id;
    // TimelineJS has no way to replace its data or to tear itself down: each render gets a new container.
    var el = document.createElement("div");
    el.style.width = "100%";
    el.style.height = "100%";
    host.replaceChildren(el);
    current = null;
    if (!json || !json.events || json.events.length === 0) {
      el.textContent = "Add an entry to see the timeline.";
      return;
    }
    try {
      current = new TL.Timeline(el, json, options);
      window.timeline = current;
      if (at) {
        var shown = current;
        current.on("loaded", function () {
          if (shown.getSlideById(at)) shown.goToId(at);
        });
      }
    } catch (err) {
      el.textContent = "TimelineJS could not show this timeline: " + (err && err.message ? err.message : err);
    }
  }

  // A link in a headline or text never replaces this page (the parent would be showing someone else's
  // page in its preview): every link opens outside the frame.
  document.addEventListener(
    "click",
    function (event) {
      var link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
      if (!link) return;
      link.setAttribute("target", "_blank");
      link.setAttribute("rel", "noopener noreferrer");
    },
    true,
  );

  window.addEventListener("message", function (event) {
    if (event.origin !== location.origin || event.source !== window.parent) return;
    var data = event.data;
    if (!data || data.type !== "dateline:timelinejs") return;
    render(data.json);
  });
  if (window.parent !== window) window.parent.postMessage({ type: "dateline:timelinejs-ready" }, location.origin);
})();
