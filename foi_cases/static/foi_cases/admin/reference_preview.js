// Unit settings: refresh "Next reference would look like: ..." while the reference fields are edited.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  const output = document.getElementById("reference-preview");
  if (!output) {
    return;
  }
  const names = ["reference_format", "reference_prefix", "regime_prefixes", "sequence_per_prefix"];
  const fields = names.map(function (name) { return document.getElementById("id_" + name); });
  let timer = null;

  function refresh() {
    const params = new URLSearchParams();
    fields.forEach(function (field, index) {
      if (field) {
        params.set(names[index], field.type === "checkbox" ? String(field.checked) : field.value);
      }
    });
    fetch(output.dataset.url + "?" + params.toString(), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data) {
          output.textContent = data.preview;
        }
      })
      .catch(function () { /* keep the last preview */ });
  }

  fields.forEach(function (field) {
    if (field) {
      field.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(refresh, 250);
      });
    }
  });
});
