// Passkeys (WebAuthn): the browser's half of the ceremonies. Progressive enhancement:
// without this script, or without WebAuthn in the browser, the passkey forms stay
// hidden, a sentence says passkeys need JavaScript, and the code forms work as before.
// Loaded from this site alone (CSP script-src 'self'); no inline script.
(function () {
  "use strict";
  if (!window.PublicKeyCredential || !navigator.credentials || !window.fetch) {
    return;
  }

  document.querySelectorAll("[data-passkey-nojs]").forEach(function (el) {
    el.hidden = true;
  });
  document.querySelectorAll("[data-passkey-form], [data-step-up]").forEach(function (el) {
    el.hidden = false;
  });

  function toBytes(value) {
    var base64 = value.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) {
      base64 += "=";
    }
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) {
      binary += String.fromCharCode(bytes[i]);
    }
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function descriptors(list) {
    return (list || []).map(function (item) {
      return { type: item.type, id: toBytes(item.id), transports: item.transports };
    });
  }

  function options(form, ceremony) {
    var body = new URLSearchParams();
    body.set("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    body.set("ceremony", ceremony);
    return fetch(form.getAttribute("data-options"), {
      method: "POST",
      body: body,
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) {
          throw new Error(json.error || "The site could not start the passkey check.");
        }
        return json;
      });
    });
  }

  function assert(form, ceremony) {
    return options(form, ceremony).then(function (json) {
      json.challenge = toBytes(json.challenge);
      json.allowCredentials = descriptors(json.allowCredentials);
      return navigator.credentials.get({ publicKey: json });
    }).then(function (credential) {
      return JSON.stringify({
        id: credential.id,
        rawId: toText(credential.rawId),
        type: credential.type,
        response: {
          clientDataJSON: toText(credential.response.clientDataJSON),
          authenticatorData: toText(credential.response.authenticatorData),
          signature: toText(credential.response.signature),
          userHandle: credential.response.userHandle ? toText(credential.response.userHandle) : null
        },
        clientExtensionResults: credential.getClientExtensionResults(),
        authenticatorAttachment: credential.authenticatorAttachment || null
      });
    });
  }

  function create(form) {
    return options(form, "register").then(function (json) {
      json.challenge = toBytes(json.challenge);
      json.user.id = toBytes(json.user.id);
      json.excludeCredentials = descriptors(json.excludeCredentials);
      return navigator.credentials.create({ publicKey: json });
    }).then(function (credential) {
      var response = credential.response;
      return JSON.stringify({
        id: credential.id,
        rawId: toText(credential.rawId),
        type: credential.type,
        response: {
          clientDataJSON: toText(response.clientDataJSON),
          attestationObject: toText(response.attestationObject),
          transports: response.getTransports ? response.getTransports() : []
        },
        clientExtensionResults: credential.getClientExtensionResults(),
        authenticatorAttachment: credential.authenticatorAttachment || null
      });
    });
  }

  function say(form, message) {
    var status = form.querySelector("[data-passkey-status]") ||
      (form.closest("section") || document).querySelector("[data-passkey-status]");
    if (status) {
      status.textContent = message;
    }
  }

  function fill(form, name, value) {
    form.querySelector("[name=" + name + "]").value = value;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var kind = form.getAttribute("data-passkey-form");
    var withPasskey = event.submitter && event.submitter.hasAttribute("data-step-up");
    if (!kind || form.hasAttribute("data-passkey-ready") || (kind === "remove" && !withPasskey)) {
      return; // a plain post: the code path
    }
    event.preventDefault();
    var steps;
    if (kind === "sign-in") {
      steps = assert(form, "sign_in").then(function (answer) { fill(form, "credential", answer); });
    } else if (kind === "remove") {
      steps = assert(form, "step_up").then(function (answer) { fill(form, "assertion", answer); });
    } else {
      steps = (withPasskey ? assert(form, "step_up") : Promise.resolve("")).then(function (answer) {
        fill(form, "assertion", answer);
        return create(form);
      }).then(function (answer) { fill(form, "credential", answer); });
    }
    say(form, "Follow your browser's instructions to use your passkey.");
    steps.then(function () {
      form.setAttribute("data-passkey-ready", "");
      form.submit();
    }, function (error) {
      var cancelled = error && error.name === "NotAllowedError";
      say(form, cancelled
        ? "The passkey was not used: it was cancelled or took too long. Try again, or use your code."
        : (error && error.message) || "The passkey did not work. Try again, or use your code.");
    });
  });
})();
