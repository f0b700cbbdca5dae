// The CV profile's document: fetched with the Bearer token (an <iframe src> cannot send it) and shown from a
// blob: URL, a PDF in the browser's own viewer; the download link gets the same blob with the file's name.
(function () {
  "use strict";
  let currentUrl = null;

  window.hrCvDocumentLoad = async function (url, frameId, linkId, fileName, attempt) {
    const frame = document.getElementById(frameId);
    const link = document.getElementById(linkId);
    if (!link) {
      if ((attempt || 0) < 50) setTimeout(() => window.hrCvDocumentLoad(url, frameId, linkId, fileName, (attempt || 0) + 1), 100);
      return "";
    }
    try {
      const token = window.localStorage.getItem("hr_app_token") || "";
      const response = await fetch(url, { headers: { Authorization: "Bearer " + token } });
      if (!response.ok) return "Could not load the document (" + response.status + ").";
      const blob = await response.blob();
      if (currentUrl) URL.revokeObjectURL(currentUrl);
      currentUrl = URL.createObjectURL(blob);
      if (frame) frame.src = currentUrl;
      link.href = currentUrl;
      link.download = fileName;
      link.dataset.loaded = "true";
      return "";
    } catch (error) {
      return "Could not load the document: " + error;
    }
  };
})();
