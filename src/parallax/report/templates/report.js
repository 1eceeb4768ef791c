"use strict";
(function () {
  const panels = document.querySelector(".panels");
  const tabs = Array.from(document.querySelectorAll(".tab"));
  function show(panelId) {
    tabs.forEach(function (tab) {
      const on = tab.dataset.panel === panelId;
      tab.setAttribute("aria-selected", on ? "true" : "false");
    });
    document.querySelectorAll(".panel").forEach(function (panel) {
      panel.classList.toggle("active", panel.id === panelId);
    });
  }
  tabs.forEach(function (tab) {
    tab.addEventListener("click", function () { show(tab.dataset.panel); });
  });
  const toggle = document.getElementById("side-by-side");
  if (toggle && panels) {
    toggle.addEventListener("click", function () {
      const side = panels.classList.toggle("side");
      toggle.textContent = side ? "one at a time" : "side by side";
    });
  }
  // A citation opens its article and scrolls to the highlighted sentence.
  document.addEventListener("click", function (event) {
    const link = event.target.closest('a[href^="#a"]');
    if (!link) { return; }
    const target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) { return; }
    event.preventDefault();
    const panel = target.closest(".panel");
    if (panel && !panels.classList.contains("side")) { show(panel.id); }
    target.scrollIntoView({ behavior: "smooth", block: "center" });
    target.classList.add("flash");
    window.setTimeout(function () { target.classList.remove("flash"); }, 2200);
    history.replaceState(null, "", "#" + target.id);
  });
  // Hovering a name lights up every mention of that entity.
  let lit = null;
  document.addEventListener("mouseover", function (event) {
    const entity = event.target.closest(".e");
    const id = entity ? entity.dataset.e : null;
    if (id === lit) { return; }
    lit = id;
    document.querySelectorAll(".e.hover").forEach(function (el) { el.classList.remove("hover"); });
    if (id === null) { return; }
    document.querySelectorAll(".e").forEach(function (el) {
      if (el.dataset.e === id) { el.classList.add("hover"); }
    });
  });
})();
