// jiuye progressive enhancement. Every page works without this file; it
// turns the one district → street place list into two short lists (with
// 其他地区 for a place named in a box where a form has one), suggests
// occupations as they are typed by name, shows the progress of a job import
// while it uploads and runs, offers "使用我的位置" to fill a pair of hidden
// latitude/longitude inputs, suggests words as a person types a job
// search, and shows a field only for the choices it belongs to (the
// station picker of a station's activity).
// Job import (/enterprise/jobs/import): send the file to the API with an
// upload progress bar, then poll the import run until its rows are checked
// and open its result page; a file whose header is not the template's goes
// to the page's mapping step (the form posts as usual). Without this file
// the form posts as usual and the result page of a running import offers
// a 刷新进度 button.
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
      if (xhr.status === 409 && needsMapping(xhr)) {
        // Not the template's header: the page's mapping step reads the
        // file again and shows its columns and the first rows.
        show("正在打开列核对…", null);
        form.submit();
        return;
      }
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
    var data = new FormData(form);
    data.append("mapping_step", "1");
    xhr.send(data);
  });

  function needsMapping(xhr) {
    try {
      return JSON.parse(xhr.responseText).error.code === "needs_mapping";
    } catch (err) {
      return false;
    }
  }
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
        var clear = lat.form && lat.form.querySelector("input[data-geo-clear]");
        if (clear) clear.checked = false;
        if (btn.hasAttribute("data-geolocate-submit") && btn.form) { btn.form.submit(); return; }
        say(btn.getAttribute("data-geolocate-done") || "已记录当前位置，保存简历后生效。");
      }, function (err) {
        btn.disabled = false;
        say(err.code === 1 ? "没有获得定位权限。不用位置也可以，选好区和街道就行。" : "暂时无法获取位置。不用位置也可以，选好区和街道就行。");
      }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 });
    });
  });
})();

// The job filters' sheet (details[data-fsheet]) is open at desk width;
// CSS does it where ::details-content is known, this elsewhere.
(function () {
  "use strict";
  var d = document.querySelector("details[data-fsheet]");
  if (d && window.matchMedia && window.matchMedia("(min-width: 720px)").matches) d.open = true;
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

// Place lists (select[data-place-picker]): the page sends one list of
// Wuhan's districts, each an optgroup of "全区" and its streets, which
// works without this file. Here it becomes two short lists: the district,
// then that district's streets. The original select keeps its name, so
// the form sends the same code. A registry place field (data-place-other)
// also has a "其他地区" name box: it is the district list's last choice and
// shown only then; otherwise it is hidden and disabled, so the list's
// choice is what the form sends.
(function () {
  "use strict";
  var selects = document.querySelectorAll("select[data-place-picker]");
  function nameOf(sel) {
    var l = sel.labels && sel.labels[0];
    return sel.getAttribute("data-place-name") || sel.getAttribute("aria-label") || (l ? l.textContent.trim() : "地点");
  }
  Array.prototype.forEach.call(selects, function (sel) {
    var groups = sel.querySelectorAll("optgroup");
    if (!groups.length) return;
    var blank = sel.options.length && sel.options[0].value === "" ? sel.options[0] : null;
    var lists = [], others = [], chosen = -1;
    Array.prototype.forEach.call(groups, function (g, i) {
      var opts = Array.prototype.slice.call(g.querySelectorAll("option"));
      opts.forEach(function (o) { if (o.selected && o.value) chosen = i; });
      lists.push({label: g.label, options: opts});
    });
    Array.prototype.forEach.call(sel.options, function (o) {
      if (o !== blank && o.parentNode === sel) {
        others.push(o);
        if (o.selected) chosen = lists.length;
      }
    });
    if (others.length) lists.push({label: "其他地区", options: others});
    var otherBox = document.getElementById(sel.getAttribute("data-place-other") || "");
    var otherInput = otherBox && otherBox.querySelector("input, select");
    var other = otherInput ? lists.length : -2; // the district list's value for 其他地区
    if (otherInput && otherInput.value.trim() !== "") chosen = other;
    var name = nameOf(sel);
    var district = document.createElement("select");
    district.className = "place-district";
    district.setAttribute("aria-label", name + "：区");
    sel.setAttribute("aria-label", name + "：街道");
    var none = document.createElement("option");
    none.value = "";
    none.textContent = blank ? blank.textContent : "请选择区";
    district.appendChild(none);
    lists.forEach(function (l, i) {
      var o = document.createElement("option");
      o.value = String(i);
      o.textContent = l.label;
      district.appendChild(o);
    });
    if (otherInput) {
      var o = document.createElement("option");
      o.value = String(other);
      o.textContent = "其他地区（填写名称）";
      district.appendChild(o);
    }
    function show(i, keep) {
      if (otherInput) {
        otherBox.hidden = i !== other;
        otherInput.disabled = i !== other;
        if (i === other) {
          while (sel.firstChild) sel.removeChild(sel.firstChild);
          if (blank) { blank.selected = true; sel.appendChild(blank); }
          sel.hidden = true;
          if (!keep) otherInput.focus();
          return;
        }
      }
      var value = sel.value;
      while (sel.firstChild) sel.removeChild(sel.firstChild);
      if (i < 0) {
        if (blank) { blank.selected = true; sel.appendChild(blank); }
        sel.hidden = true;
        return;
      }
      lists[i].options.forEach(function (o) { sel.appendChild(o); });
      sel.hidden = false;
      if (keep) sel.value = value;
      if (!keep || sel.selectedIndex < 0) sel.selectedIndex = 0;
    }
    var wrap = document.createElement("div");
    wrap.className = "place-pair";
    sel.parentNode.insertBefore(wrap, sel);
    wrap.appendChild(district);
    wrap.appendChild(sel);
    district.value = chosen < 0 ? "" : String(chosen);
    show(chosen, true);
    district.addEventListener("change", function () {
      show(district.value === "" ? -1 : Number(district.value), false);
    });
  });
})();

// Occupations typed by name (input[data-occ-suggest]): as a person types,
// the names of matching occupations from /api/v1/occupations fill the
// browser's suggestion list the inputs share. Without this file the list
// holds the occupations with the most posts, and the server recognises
// what was typed when the form is saved.
(function () {
  "use strict";
  var inputs = document.querySelectorAll("input[data-occ-suggest]");
  if (!inputs.length || !window.fetch || !window.URLSearchParams) return;
  var list = document.getElementById(inputs[0].getAttribute("list"));
  if (!list) return;
  var top = Array.prototype.map.call(list.options, function (o) { return o.value; });
  var timer = 0, seq = 0;
  function fill(names) {
    while (list.firstChild) list.removeChild(list.firstChild);
    names.forEach(function (n) {
      var o = document.createElement("option");
      o.value = n;
      list.appendChild(o);
    });
  }
  function bare(name) { return name.replace(/(L\/S|L|S)$/, ""); }
  function ask(q) {
    var mine = ++seq;
    if (!q) { fill(top); return; }
    fetch("/api/v1/occupations?" + new URLSearchParams({q: q, limit: "8"}), {headers: {Accept: "application/json"}})
      .then(function (r) { return r.ok ? r.json() : {items: []}; })
      .then(function (d) {
        if (mine !== seq) return;
        var seen = {}, names = [];
        (d.items || []).forEach(function (c) {
          var n = bare(c.name);
          if (c.level >= 3 && !seen[n] && n !== q) { seen[n] = true; names.push(n); }
        });
        fill(names);
      })
      .catch(function () {});
  }
  Array.prototype.forEach.call(inputs, function (input) {
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      timer = setTimeout(function () { ask(q); }, 150);
    });
  });
})();

// A field that belongs to some choices of a select (div[data-show-for=
// "SELECT-ID"][data-show-values="a b"], such as the station picker of an
// activity whose organiser is a labour or university liaison station) is
// hidden while the select holds another choice, unless it carries an
// error. Without this file the field is always shown, with a hint saying
// when it is needed.
(function () {
  "use strict";
  var fields = document.querySelectorAll("[data-show-for]");
  Array.prototype.forEach.call(fields, function (field) {
    var select = document.getElementById(field.getAttribute("data-show-for"));
    if (!select) return;
    var values = (field.getAttribute("data-show-values") || "").split(" ");
    function update() {
      field.hidden = values.indexOf(select.value) < 0 && !field.classList.contains("has-error");
    }
    select.addEventListener("change", update);
    update();
  });
})();
