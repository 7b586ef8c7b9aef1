// newsweave serve: optional enhancements only; every page works without this file.
// Written for a strict Content-Security-Policy: no inline handlers, text set with textContent.
"use strict";

function openFactFromHash() {
  const id = decodeURIComponent(location.hash.slice(1));
  if (!id.startsWith("fact-")) return;
  const fact = document.getElementById(id);
  if (fact && fact.tagName === "DETAILS") {
    fact.open = true;
    fact.scrollIntoView({ block: "start" });
  }
}

function followJob(section) {
  const id = section.dataset.job;
  const bar = document.getElementById("job-progress");
  const done = document.getElementById("job-done");
  const total = document.getElementById("job-total");
  const state = section.querySelector(".state");
  async function poll() {
    let job;
    try {
      const response = await fetch("/api/jobs/" + encodeURIComponent(id), { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      job = await response.json();
    } catch (error) {
      setTimeout(poll, 2000);
      return;
    }
    bar.max = Math.max(job.total, 1);
    bar.value = job.done;
    done.textContent = String(job.done);
    total.textContent = String(job.total);
    state.textContent = job.state + (job.message ? ": " + job.message : "");
    if (job.state === "done" || job.state === "failed") {
      location.reload();
    } else {
      setTimeout(poll, 700);
    }
  }
  setTimeout(poll, 300);
}

document.addEventListener("DOMContentLoaded", () => {
  openFactFromHash();
  window.addEventListener("hashchange", openFactFromHash);
  const job = document.getElementById("job");
  if (job && (job.dataset.state === "queued" || job.dataset.state === "running")) followJob(job);
});
