// roadshow console: progressive enhancements only. Every form works
// without this script; it adds inline checks and small conveniences.
(function () {
  "use strict";
  var ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  var WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

  // creditCodeProblem mirrors the server's GB 32100-2015 check; the
  // server remains the authority.
  function creditCodeProblem(code, el) {
    if (code.length !== 18) return el.dataset.msgLength.replace("%d", code.length);
    for (var i = 0; i < 18; i++) if (ALPHABET.indexOf(code[i]) < 0) return el.dataset.msgChars;
    var sum = 0;
    for (i = 0; i < 17; i++) sum += ALPHABET.indexOf(code[i]) * WEIGHTS[i];
    var c = 31 - (sum % 31);
    if (c === 31) c = 0;
    if (ALPHABET[c] !== code[17]) return el.dataset.msgDigit;
    return "";
  }

  function showError(el, msg) {
    var box = document.querySelector('.js-err[data-for="' + el.id + '"]');
    if (!box) return;
    box.textContent = msg;
    box.hidden = !msg;
    if (msg) el.setAttribute("aria-invalid", "true"); else el.removeAttribute("aria-invalid");
  }

  document.querySelectorAll('[data-check="credit-code"]').forEach(function (el) {
    el.addEventListener("input", function () { el.value = el.value.toUpperCase(); if (el.value.length >= 18) showError(el, creditCodeProblem(el.value.trim(), el)); else showError(el, ""); });
    el.addEventListener("blur", function () { var v = el.value.trim(); showError(el, v ? creditCodeProblem(v, el) : ""); });
  });

  // 万元 fields show their value in yuan.
  document.querySelectorAll("[data-wan]").forEach(function (el) {
    var out = document.getElementById(el.dataset.wan);
    function update() {
      var v = el.value.replace(/[,，\s]/g, "");
      if (!/^\d+(\.\d{1,4})?$/.test(v)) { out.textContent = ""; return; }
      var parts = v.split("."), frac = (parts[1] || "").padEnd(4, "0");
      var yuan = (BigInt(parts[0]) * 10000n + BigInt(frac)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
      out.textContent = "= " + yuan + " " + el.dataset.unit;
    }
    el.addEventListener("input", update);
    update();
  });

  // Sub-sector options follow the chosen sector.
  document.querySelectorAll("[data-filter]").forEach(function (sel) {
    var sub = document.getElementById(sel.dataset.filter);
    if (!sub) return;
    function update() {
      Array.prototype.forEach.call(sub.options, function (o) {
        var show = !o.dataset.parent || !sel.value || o.dataset.parent === sel.value;
        o.hidden = !show;
        o.disabled = !show;
        if (!show && o.selected) sub.value = "";
      });
    }
    sel.addEventListener("change", update);
    update();
  });

  // Forms that ask before acting.
  document.querySelectorAll("form[data-confirm]").forEach(function (f) {
    f.addEventListener("submit", function (e) { if (!window.confirm(f.dataset.confirm)) e.preventDefault(); });
  });

  // Pickers submit on change.
  document.querySelectorAll("form[data-autosubmit] select").forEach(function (s) {
    s.addEventListener("change", function () { s.form.submit(); });
  });

  // "Select all" boxes.
  document.querySelectorAll("[data-select-all]").forEach(function (box) {
    box.addEventListener("change", function () {
      box.form.querySelectorAll('input[name="' + box.dataset.selectAll + '"]').forEach(function (c) { c.checked = box.checked; });
    });
  });

  // The credit code check also runs on submit, so a wrong check digit is
  // caught before the round trip.
  document.querySelectorAll("form[data-validate]").forEach(function (f) {
    f.addEventListener("submit", function (e) {
      var el = f.querySelector('[data-check="credit-code"]');
      if (!el) return;
      var msg = creditCodeProblem(el.value.trim().toUpperCase(), el);
      showError(el, msg);
      if (msg) { e.preventDefault(); el.focus(); }
    });
  });
})();
