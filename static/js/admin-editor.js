/* Admin post editor: a live length count for the description, and upload errors shown in the editor. */
(function () {
  "use strict";

  function describeLength(field) {
    var help = document.getElementById(field.id + "_helptext");
    if (!help) return;
    var max = Number(field.dataset.recommendedMax || 160);
    var text = help.textContent.replace(/\(now \d+\)/, "(now " + field.value.length + ")");
    help.textContent = text;
    help.classList.toggle("over-recommended", field.value.length > max);
  }

  function statusRegion(editor) {
    var region = editor.querySelector(".markdownx-status");
    if (!region) {
      region = document.createElement("p");
      region.className = "markdownx-status";
      region.setAttribute("role", "alert");
      editor.insertBefore(region, editor.firstChild);
    }
    return region;
  }

  function uploadErrorMessage(detail) {
    var response = detail && detail[0];
    if (typeof response === "string") {
      try { response = JSON.parse(response); } catch (e) { response = null; }
    }
    return (response && response.error) || "The image could not be uploaded. Try a JPEG, PNG, WebP or GIF under the size limit.";
  }

  function showUploadError(editor, event) {
    var textarea = editor.querySelector("textarea");
    if (textarea) {
      var marker = "Invalid response";
      var at = textarea.value.lastIndexOf(marker);
      if (at !== -1) textarea.value = textarea.value.slice(0, at) + textarea.value.slice(at + marker.length);
    }
    statusRegion(editor).textContent = uploadErrorMessage(event.detail);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var description = document.getElementById("id_description");
    if (description) {
      description.addEventListener("input", function () { describeLength(description); });
      describeLength(description);
    }
    Array.prototype.forEach.call(document.querySelectorAll(".markdownx"), function (editor) {
      ["markdownx.fileUploadError", "fileUploadError"].forEach(function (name) {
        editor.addEventListener(name, function (event) { showUploadError(editor, event); });
      });
      editor.addEventListener("markdownx.fileUploadEnd", function () { statusRegion(editor).textContent = "Image uploaded."; });
    });
  });
})();
