// The letter page's signed-PDF panel: while the PDF is queued or rendering, ask the server for the
// panel again (with a growing pause) and swap it in, so the page updates without a reload. The
// panel's container is an aria-live region, so screen readers hear the new state.
(function () {
  "use strict";
  var region = document.getElementById("letter-pdf-panel");
  if (!region) return;
  var url = region.getAttribute("data-status-url");
  var pause = 1000;

  function polling() {
    var panel = region.querySelector(".pdf-panel");
    return panel && panel.hasAttribute("data-pdf-polling");
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        if (!response.ok) throw new Error("status " + response.status);
        return response.text();
      })
      .then(function (html) {
        var before = region.querySelector(".pdf-panel").getAttribute("data-pdf-state");
        var template = document.createElement("template");
        template.innerHTML = html.trim();
        var fresh = template.content.querySelector(".pdf-panel");
        if (fresh && (fresh.getAttribute("data-pdf-state") !== before || !fresh.hasAttribute("data-pdf-polling"))) {
          region.replaceChildren(fresh);
        }
      })
      .catch(function () { /* a blip: try again after the next pause */ })
      .finally(function () {
        pause = Math.min(pause * 1.5, 10000);
        if (polling()) window.setTimeout(poll, pause);
      });
  }

  if (polling()) window.setTimeout(poll, pause);
})();
