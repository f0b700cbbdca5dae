// Small fixes to markup the UI library renders and the app cannot reach through props (issue 14):
// - a scrolling table viewport (Radix ScrollArea) takes focus, so the keyboard can scroll it;
// - the hidden file input of an upload area leaves the accessibility tree: its visible button is the control;
// - a dialog opened from a button that is not its Radix trigger (the app opens most by state) gives the focus back
//   to that button when it closes, as Radix does for its own triggers.
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
