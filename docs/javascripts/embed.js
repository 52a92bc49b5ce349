/* Embed pages (/embed/gemeenten/<id>/) in an iframe on a municipality's website: tell the
 * page around the frame how tall this page is, so that the frame can take that height
 * (no scrollbar inside the frame, no empty band under it). The snippet on the municipality
 * page (generator/render/municipality.py, embed_code) listens for this message, checks
 * that it comes from this site and from its own frame, and sets the frame's height.
 * Sent on load, on resize and whenever the page's content changes size (sessions hidden by
 * agenda.js, fonts, a narrower frame). The height is not a secret: any page may receive
 * it. Without JavaScript the frame keeps the height written in the snippet. */
(function () {
  "use strict";

  var MESSAGE = "poh-jeugd-embed-hoogte";  // the snippet checks this type

  if (window.parent === window) return;  // opened on its own, not in a frame

  // In a frame the page is as tall as its content, not stretched to the frame's height
  // (gemeenten.css), so that it can become shorter again when the frame gets wider.
  document.documentElement.classList.add("poh-embed-framed");

  var sent = 0;

  function height() {
    return Math.ceil(document.body.getBoundingClientRect().height);
  }

  function send(always) {
    var now = height();
    if (!now || (now === sent && !always)) return;
    sent = now;
    window.parent.postMessage({ type: MESSAGE, height: now }, "*");
  }

  function start() {
    send(true);
    if (window.ResizeObserver) {
      new ResizeObserver(function () { send(false); }).observe(document.body);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  window.addEventListener("load", function () { send(true); });
  window.addEventListener("resize", function () { send(false); });
})();
