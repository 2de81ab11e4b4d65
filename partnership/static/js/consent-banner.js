// The cookie banner's answer sent without leaving the page, so nothing typed into the
// page is lost. Progressive enhancement only: without this script every button works
// as a plain form post (docs/forms-without-cookies.md). Loaded from this site alone
// (CSP script-src 'self'); no inline script.
(function () {
  "use strict";
  var banner = document.querySelector(".consent-banner");
  if (!banner || !window.fetch || !window.URLSearchParams) {
    return;
  }

  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || !banner.contains(button) || button.hasAttribute("data-plain")) {
      return;
    }
    // The banner's own form, whichever form the button submits without this script.
    var own = button.closest("form");
    event.preventDefault();
    var data = new URLSearchParams(new FormData(own));
    data.set("research", button.getAttribute("data-research"));
    setBusy(true);
    fetch(own.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      redirect: "manual"
    }).then(function (response) {
      // Recorded: the site answers a banner post with a redirect (303).
      if (response.type === "opaqueredirect") {
        answered(button.getAttribute("data-research"));
      } else {
        plain(button);
      }
    }, function () {
      plain(button);
    });
  });

  function setBusy(busy) {
    banner.querySelectorAll("button").forEach(function (each) {
      each.disabled = busy;
    });
  }

  // Anything else (an error page, a stale form): send the form as without the script,
  // so the site's own answer explains.
  function plain(button) {
    setBusy(false);
    button.setAttribute("data-plain", "");
    button.click();
  }

  function answered(research) {
    var status = document.createElement("p");
    status.setAttribute("role", "status");
    status.className = "consent-saved";
    status.textContent = research === "granted"
      ? "Thank you: research cookies are on, from the next page you open. "
      : "Thank you: no research cookies. ";
    var link = document.createElement("a");
    link.href = "/privacy/cookies/";
    link.textContent = "Change this in cookie settings";
    status.appendChild(link);
    var wrap = banner.querySelector(".wrap");
    wrap.replaceChildren(wrap.querySelector("h2"), status);
    // The pressed button is gone: keep keyboard focus in the banner.
    status.tabIndex = -1;
    status.focus();
  }
})();
