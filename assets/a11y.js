// Small fixes to markup the UI library renders and the app cannot reach through props (issue 14):
// - a scrolling table viewport (Radix ScrollArea) takes focus, so the keyboard can scroll it;
// - the hidden file input of an upload area leaves the accessibility tree: its visible button is the control.
(() => {
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
    new MutationObserver(() => fix(document)).observe(document.body, { childList: true, subtree: true });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
