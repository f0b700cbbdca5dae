// Small fixes to markup the UI library renders and the app cannot reach through props (issue 14):
// - a scrolling table viewport (Radix ScrollArea) takes focus, so the keyboard can scroll it;
// - the hidden file input of an upload area leaves the accessibility tree: its visible button is the control;
// - a dialog opened from a button that is not its Radix trigger (the app opens most by state) gives the focus back
//   to that button when it closes, as Radix does for its own triggers;
// - Escape in an in-place editor (`data-escape-cancels`, the profile's contact fields) presses its Cancel button
//   (`data-cancel`), in the browser: no key press goes to the server.
(() => {
  const DIALOG = '[role="dialog"], [role="alertdialog"]';
  let opener = null;
  document.addEventListener("focusin", (event) => {
    const from = event.relatedTarget;
    if (event.target.closest(DIALOG)) {
      if (!opener && from && !from.closest(DIALOG)) opener = from;
    } else {
      opener = null;
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.defaultPrevented) return;  // an open select or menu closes first
    const editor = event.target.closest && event.target.closest("[data-escape-cancels]");
    const cancel = editor && editor.querySelector("[data-cancel]");
    if (cancel) {
      event.preventDefault();
      cancel.click();
    }
  });
  const giveFocusBack = () => {
    if (!opener || document.querySelector(DIALOG)) return;
    const lost = !document.activeElement || document.activeElement === document.body;
    if (lost && opener.isConnected) opener.focus();
    opener = null;
  };
  const fix = (root) => {
    root.querySelectorAll("[data-radix-scroll-area-viewport]:not([tabindex])").forEach((viewport) => {
      viewport.setAttribute("tabindex", "0");
    });
    root.querySelectorAll('input[type="file"][tabindex="-1"]:not([aria-hidden])').forEach((input) => {
      input.setAttribute("aria-hidden", "true");
    });
  };
  const start = () => {
    fix(document);
    new MutationObserver(() => {
      fix(document);
      giveFocusBack();
    }).observe(document.body, { childList: true, subtree: true });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
