// 公众评议: a live "还可输入 N 字" counter under the comment box (the form works without it).
(function () {
  "use strict";
  function attach(counter) {
    var box = document.getElementById(counter.getAttribute("data-counter-for"));
    if (!box) { return; }
    var limit = parseInt(box.getAttribute("maxlength"), 10);
    function update() {
      counter.textContent = "还可输入 " + Math.max(0, limit - box.value.length) + " 字";
    }
    box.addEventListener("input", update);
    counter.hidden = false;
    update();
  }
  function init() {
    var counters = document.querySelectorAll("[data-counter-for]");
    for (var i = 0; i < counters.length; i++) { attach(counters[i]); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
