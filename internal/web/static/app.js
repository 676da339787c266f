// jiuye progressive enhancement. Every page works without this file; it only
// shows the name of a region code typed or picked in a region field.
(function () {
  "use strict";
  var list = document.getElementById("wuhan-regions");
  if (!list) return;
  var names = {};
  for (var i = 0; i < list.options.length; i++) {
    names[list.options[i].value] = list.options[i].textContent;
  }
  var inputs = document.querySelectorAll("input[data-region-picker]");
  Array.prototype.forEach.call(inputs, function (input) {
    var out = document.createElement("p");
    out.className = "region-name";
    out.setAttribute("aria-live", "polite");
    input.parentNode.insertBefore(out, input.nextSibling);
    function show() { out.textContent = names[input.value.trim()] || ""; }
    input.addEventListener("input", show);
    show();
  });
})();
