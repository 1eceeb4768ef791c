// parallax web app: the little JavaScript the pages use. No framework, no build step.
// Text from the server is only ever set with textContent, never parsed as HTML.
"use strict";

(function () {
  // Analyse page: one more box for pasting another article.
  const add = document.getElementById("add-text");
  const texts = document.getElementById("texts");
  if (add && texts) {
    add.hidden = false;
    add.addEventListener("click", function () {
      // A copy of the first box with its outlet and URL fields, emptied.
      const item = texts.querySelector(".text-item").cloneNode(true);
      const n = texts.children.length + 1;
      item.querySelectorAll("textarea, input").forEach(function (field) {
        field.value = "";
        field.id = field.id.replace(/-\d+$/, "-" + n);
      });
      const box = item.querySelector("textarea");
      box.setAttribute("aria-label", "Another article");
      texts.appendChild(item);
      box.focus();
    });
  }

  // Analyse page: check the upload limits before sending, with the same messages as the server.
  const form = document.querySelector("form.analyse");
  const formError = document.getElementById("form-error");
  if (form && formError) {
    form.addEventListener("submit", function (event) {
      const files = Array.from(document.getElementById("files").files);
      const maxFiles = Number(form.dataset.maxFiles);
      const maxFile = Number(form.dataset.maxFileBytes);
      const maxBytes = Number(form.dataset.maxBytes);
      const total = files.reduce(function (sum, file) { return sum + file.size; }, 0);
      let problem = "";
      if (files.length > maxFiles) {
        problem = "too many files: at most " + maxFiles + " per analysis";
      } else if (total > maxBytes) {
        problem = "requests are limited to " + maxBytes / 1e6 + " MB: send fewer or smaller files";
      } else {
        const big = files.find(function (file) { return file.size > maxFile; });
        if (big) problem = big.name + " is too large: the limit is " + maxFile / 1e6 + " MB per file";
      }
      if (problem) {
        event.preventDefault();
        formError.textContent = problem;
        formError.hidden = false;
      }
    });
  }

  // Job page: poll the job's status until it is done, then show the report.
  const progress = document.getElementById("progress");
  if (progress) {
    const url = "/api/jobs/" + encodeURIComponent(progress.dataset.job);
    const step = document.getElementById("step");
    const elapsed = document.getElementById("elapsed");
    const poll = function () {
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error("status " + response.status);
          return response.json();
        })
        .then(function (job) {
          step.textContent = job.step;
          elapsed.textContent = String(job.elapsed_s);
          if (job.status === "done" || job.status === "failed") {
            window.location.reload();
          } else {
            window.setTimeout(poll, 400);
          }
        })
        .catch(function (error) {
          step.textContent = "lost contact with the server (" + error.message + "), retrying";
          window.setTimeout(poll, 2000);
        });
    };
    poll();
  }
})();
