// jiuye progressive enhancement. Every page works without this file; it
// shows the name of a region code typed or picked in a region field, shows
// the progress of a job import while it uploads and runs, offers
// "使用我的位置" to fill a pair of latitude/longitude inputs, and suggests
// words as a person types a job search.
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

// Job import (/enterprise/jobs/import): send the file to the API with an
// upload progress bar, then poll the import run until its rows are checked
// and open its result page. Without this file the form posts as usual and
// the result page of a running import offers a 刷新进度 button.
(function () {
  "use strict";
  var form = document.querySelector("form[data-import-api]");
  if (!form || !window.XMLHttpRequest || !window.FormData || !window.JSON) return;
  var input = form.querySelector("input[type=file]");
  var box = document.getElementById("import-status");
  var bar = document.getElementById("import-progress");
  var phase = document.getElementById("import-phase");
  var button = form.querySelector("button[type=submit]");
  if (!input || !box || !bar || !phase || !button) return;
  var busy = false;

  // show sets the phase text and the bar; a null value makes the bar
  // indeterminate (the server is reading the file).
  function show(text, value, max) {
    box.hidden = false;
    phase.textContent = text;
    if (value === null) {
      bar.removeAttribute("value");
      return;
    }
    bar.max = Math.max(max, 1);
    bar.value = value;
  }

  // fail shows the message under the file field, as the server would.
  function fail(message) {
    busy = false;
    button.disabled = false;
    box.hidden = true;
    var field = input.closest(".field");
    var p = document.getElementById("e-file");
    if (!p) {
      p = document.createElement("p");
      p.className = "error";
      p.id = "e-file";
      field.appendChild(p);
    }
    p.textContent = message;
    field.classList.add("has-error");
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", "e-file");
    input.focus();
  }

  function errorMessage(xhr) {
    try {
      var e = JSON.parse(xhr.responseText).error;
      return (e.fields && e.fields.file) || e.message;
    } catch (err) {
      return "导入失败（" + xhr.status + "），请稍后再试";
    }
  }

  function checking(run) {
    show("正在检查：" + run.checked + " / " + run.total + " 行", run.checked, run.total);
  }

  function poll(url, misses) {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", url);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.onload = function () {
      if (xhr.status !== 200) {
        fail(errorMessage(xhr));
        return;
      }
      var run = JSON.parse(xhr.responseText);
      if (run.status === "running") {
        checking(run);
        setTimeout(function () { poll(url, 0); }, 700);
        return;
      }
      if (run.status === "done") {
        show("检查完成：" + run.total + " / " + run.total + " 行", run.total, run.total);
      }
      window.location.assign(run.page_url);
    };
    xhr.onerror = function () {
      if (misses > 10) {
        fail("网络连接中断，请稍后在下方“最近的导入”中查看结果");
        return;
      }
      setTimeout(function () { poll(url, misses + 1); }, 2000);
    };
    xhr.send();
  }

  form.addEventListener("submit", function (ev) {
    if (!input.files || input.files.length === 0) return; // the server says what is missing
    ev.preventDefault();
    if (busy) return;
    busy = true;
    button.disabled = true;
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.getAttribute("data-import-api"));
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) {
        show("正在上传：" + Math.round(e.loaded * 100 / Math.max(e.total, 1)) + "%", e.loaded, e.total);
      }
    };
    xhr.upload.onload = function () { show("正在读取文件…", null); };
    xhr.onload = function () {
      if (xhr.status !== 202) {
        fail(errorMessage(xhr));
        return;
      }
      var run = JSON.parse(xhr.responseText);
      checking(run);
      poll(xhr.getResponseHeader("Location") || "/api/v1/me/job-imports/" + run.id, 0);
    };
    xhr.onerror = function () {
      // The upload itself failed: post the form the plain way instead.
      busy = false;
      form.submit();
    };
    xhr.send(new FormData(form));
  });
})();

// A running import's result page (/enterprise/job-imports/{id}): poll the
// run every 2 seconds, move the progress bar, and show the result (reload
// the page once) when the rows are checked. The page itself never reloads
// on a timer (WCAG 2.2.1); without this file it has a 刷新进度 button.
(function () {
  "use strict";
  var box = document.querySelector("section[data-import-run][data-import-status=running]");
  if (!box) return;
  var bar = document.getElementById("import-progress");
  var phase = document.getElementById("import-phase");
  var misses = 0;
  function poll() {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", box.getAttribute("data-import-run"));
    xhr.setRequestHeader("Accept", "application/json");
    xhr.onload = function () {
      if (xhr.status !== 200) {
        if (++misses <= 10) setTimeout(poll, 2000);
        return;
      }
      var run = JSON.parse(xhr.responseText);
      if (run.status !== "running") {
        window.location.reload();
        return;
      }
      if (bar) { bar.max = Math.max(run.total, 1); bar.value = run.checked; }
      if (phase) phase.textContent = "处理进度：" + run.checked + " / " + run.total + " 行";
      setTimeout(poll, 2000);
    };
    xhr.onerror = function () {
      if (++misses <= 10) setTimeout(poll, 2000);
    };
    xhr.send();
  }
  setTimeout(poll, 2000);
})();

// Search type-ahead (/jobs): as a person types in the keyword box, offer
// the board's own words (titles, occupations, skills) from
// /api/v1/jobs/suggest in the browser's native suggestion list. Without
// this file the box is a plain search field.
(function () {
  "use strict";
  var input = document.getElementById("f-q");
  if (!input || !window.fetch || !window.URLSearchParams) return;
  var list = document.createElement("datalist");
  list.id = "q-suggest";
  input.parentNode.appendChild(list);
  input.setAttribute("list", list.id);
  input.setAttribute("autocomplete", "off");
  var timer = 0, last = "", seq = 0;
  function fill(words) {
    while (list.firstChild) list.removeChild(list.firstChild);
    words.forEach(function (w) {
      var o = document.createElement("option");
      o.value = w;
      list.appendChild(o);
    });
  }
  function ask() {
    var q = input.value.trim();
    if (q === last) return;
    last = q;
    if (!q) { fill([]); return; }
    var mine = ++seq;
    fetch("/api/v1/jobs/suggest?" + new URLSearchParams({q: q, limit: "8"}), {headers: {Accept: "application/json"}})
      .then(function (r) { return r.ok ? r.json() : {items: []}; })
      .then(function (d) { if (mine === seq) fill((d.items || []).filter(function (w) { return w !== q; })); })
      .catch(function () {});
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
})();

// "使用我的位置": a button[data-geolocate="LAT-ID LNG-ID"] (hidden in the
// page) is shown when the browser can locate, and fills the two inputs
// with the position to 0.001° (what the server keeps). Nothing is sent
// until the form is saved.
(function () {
  "use strict";
  if (!navigator.geolocation) return;
  var buttons = document.querySelectorAll("button[data-geolocate]");
  Array.prototype.forEach.call(buttons, function (btn) {
    var ids = btn.getAttribute("data-geolocate").split(" ");
    var lat = document.getElementById(ids[0]);
    var lng = document.getElementById(ids[1]);
    if (!lat || !lng) return;
    var status = btn.parentNode.querySelector("[data-geolocate-status]");
    function say(text) { if (status) status.textContent = text; }
    btn.hidden = false;
    btn.addEventListener("click", function () {
      btn.disabled = true;
      say("正在获取位置…");
      navigator.geolocation.getCurrentPosition(function (pos) {
        lat.value = pos.coords.latitude.toFixed(3);
        lng.value = pos.coords.longitude.toFixed(3);
        btn.disabled = false;
        if (btn.hasAttribute("data-geolocate-submit") && btn.form) { btn.form.submit(); return; }
        say(btn.getAttribute("data-geolocate-done") || "已填入当前位置，保存简历后生效。");
      }, function (err) {
        btn.disabled = false;
        say(err.code === 1 ? "没有获得定位权限，可以手动填写。" : "暂时无法获取位置，可以手动填写。");
      }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 });
    });
  });
})();

// 附近的岗位 (/jobs): a button[data-near="RADIUS"] (hidden in the page) is
// shown when the browser can locate; it asks for the position once, puts
// it in the search form as near=LAT,LNG with the radius and the 离我最近
// sort, and submits. The position goes only into this search's URL.
(function () {
  "use strict";
  var btn = document.querySelector("button[data-near]");
  if (!btn || !navigator.geolocation) return;
  var form = btn.form || document.querySelector("form.jobsearch");
  var status = document.querySelector("[data-near-status]");
  if (!form) return;
  function say(text) { if (status) status.textContent = text; }
  function field(name, value) {
    var el = form.querySelector("input[type=hidden][name='" + name + "']");
    if (!el) {
      el = document.createElement("input");
      el.type = "hidden";
      el.name = name;
      form.appendChild(el);
    }
    el.value = value;
  }
  btn.hidden = false;
  btn.addEventListener("click", function () {
    btn.disabled = true;
    say("正在获取位置…");
    navigator.geolocation.getCurrentPosition(function (pos) {
      field("near", pos.coords.latitude.toFixed(4) + "," + pos.coords.longitude.toFixed(4));
      field("radius_km", btn.getAttribute("data-near"));
      var sort = form.querySelector("select[name=sort]");
      if (sort) {
        if (!sort.querySelector("option[value=distance]")) {
          var o = document.createElement("option");
          o.value = "distance";
          o.textContent = "离我最近";
          sort.appendChild(o);
        }
        sort.value = "distance";
      }
      form.submit();
    }, function (err) {
      btn.disabled = false;
      say(err.code === 1 ? "没有获得定位权限，可以按区域筛选。" : "暂时无法获取位置，可以按区域筛选。");
    }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 });
  });
})();
