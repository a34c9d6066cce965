// Confirm an email address: POST the token from the URL fragment (#token=...)
// to /auth/verify-email when the button is pressed (opening a link changes nothing).
"use strict";

(function () {
  const status = document.getElementById("status");
  const button = document.getElementById("confirm");
  const token = new URLSearchParams(window.location.hash.slice(1)).get("token");

  if (!token) {
    status.textContent = "This link has no token: open the link from the email again.";
    return;
  }
  status.textContent = "Press the button to confirm this address.";
  button.hidden = false;
  button.addEventListener("click", async function () {
    button.disabled = true;
    status.textContent = "Confirming…";
    try {
      const response = await fetch("verify-email", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ token: token }),
      });
      const body = await response.json();
      if (response.ok) {
        status.textContent = "Thank you: " + body.email + " is confirmed.";
        button.hidden = true;
        history.replaceState(null, "", window.location.pathname);
      } else {
        status.textContent = body.error || "This link could not be used.";
        button.disabled = false;
      }
    } catch (error) {
      status.textContent = "The server could not be reached; try again.";
      button.disabled = false;
    }
  });
})();
