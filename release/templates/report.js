// The meetings table of report.html: search, sort, expand a meeting to its
// evidence. Data comes from the JSON block #parley-data and is only ever
// set as text, never parsed as HTML.
(function () {
  "use strict";

  var PAGE = 100;
  var data = JSON.parse(document.getElementById("parley-data").textContent);
  var meetings = data.meetings;
  var articles = data.articles;
  var search = document.getElementById("search");
  var tbody = document.querySelector("#meetings tbody");
  var matchCount = document.getElementById("match-count");
  var more = document.getElementById("more");
  var headers = document.querySelectorAll("#meetings th[data-sort]");
  var sortKey = "date";
  var sortDir = 1;
  var limit = PAGE;
  var open = {};

  meetings.forEach(function (m, i) {
    m.order = i;
    m.haystack = [m.id, m.date, m.date_text, m.precision, m.place, m.country, m.status, m.mode, m.kind,
      m.who.join(" "), m.topics.join(" ")].join(" ").toLowerCase();
  });

  var keys = {
    date: function (m) { return m.date || "\uffff"; },
    place: function (m) { return (m.place || "\uffff").toLowerCase(); },
    who: function (m) { return (m.who[0] || "\uffff").toLowerCase(); },
    status: function (m) { return m.status; },
    mode: function (m) { return m.mode; },
    sources: function (m) { return m.sources; },
    confidence: function (m) { return m.confidence; }
  };

  function compare(a, b) {
    var ka = keys[sortKey](a), kb = keys[sortKey](b);
    if (ka < kb) { return -sortDir; }
    if (ka > kb) { return sortDir; }
    return a.order - b.order;
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function safeURL(url) {
    return /^https?:\/\//i.test(url) ? url : "";
  }

  function dateCell(m) {
    if (m.date) { return m.date; }
    var known = m.precision === "none" ? "unknown" : m.precision;
    return m.date_text ? known + ": " + m.date_text : known;
  }

  function evidenceRow(m) {
    var row = el("tr", null, "evidence");
    var cell = el("td");
    cell.colSpan = 8;
    var list = el("ul");
    m.evidence.forEach(function (e) {
      var a = articles[e.article];
      var item = el("li");
      item.appendChild(el("q", e.sentence));
      var meta = el("span", null, "meta");
      meta.appendChild(document.createTextNode(" — "));
      var href = safeURL(a.url);
      var source = el(href ? "a" : "span", a.source_id);
      if (href) { source.href = href; source.rel = "noreferrer"; }
      meta.appendChild(source);
      var details = [a.outlet, a.published, "reports it " + e.status].filter(Boolean).join(", ");
      meta.appendChild(document.createTextNode(", " + details));
      if (a.title) { meta.appendChild(document.createTextNode(": " + a.title)); }
      item.appendChild(meta);
      list.appendChild(item);
    });
    cell.appendChild(el("p", m.id + (m.topics.length ? " · topics: " + m.topics.join(", ") : ""), "meta"));
    cell.appendChild(list);
    row.appendChild(cell);
    return row;
  }

  function meetingRow(m) {
    var row = el("tr", null, "meeting");
    row.id = m.id;
    row.appendChild(el("td", dateCell(m), "date"));
    row.appendChild(el("td", m.place ? m.place + (m.country ? " (" + m.country + ")" : "") : m.country));
    row.appendChild(el("td", m.who.join(" · ")));
    row.appendChild(el("td", m.status, "status-" + m.status));
    row.appendChild(el("td", m.mode.replace("_", " ")));
    row.appendChild(el("td", m.sources, "num"));
    row.appendChild(el("td", m.confidence.toFixed(2), "num"));
    var cell = el("td");
    var toggle = el("button", (open[m.id] ? "hide " : "show ") + m.evidence.length);
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", open[m.id] ? "true" : "false");
    toggle.addEventListener("click", function () {
      open[m.id] = !open[m.id];
      render();
    });
    cell.appendChild(toggle);
    row.appendChild(cell);
    return row;
  }

  function render() {
    var terms = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var matches = meetings.filter(function (m) {
      return terms.every(function (t) { return m.haystack.indexOf(t) >= 0; });
    }).sort(compare);
    var rows = document.createDocumentFragment();
    matches.slice(0, limit).forEach(function (m) {
      rows.appendChild(meetingRow(m));
      if (open[m.id]) { rows.appendChild(evidenceRow(m)); }
    });
    tbody.replaceChildren(rows);
    matchCount.textContent = matches.length + " of " + meetings.length + " meetings";
    more.hidden = matches.length <= limit;
  }

  headers.forEach(function (th) {
    th.addEventListener("click", function () {
      var key = th.getAttribute("data-sort");
      sortDir = key === sortKey ? -sortDir : 1;
      sortKey = key;
      headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
      render();
    });
  });

  search.addEventListener("input", function () {
    limit = PAGE;
    render();
  });

  more.addEventListener("click", function () {
    limit += PAGE;
    render();
  });

  document.querySelectorAll(".chart [data-filter]").forEach(function (node) {
    node.addEventListener("click", function () {
      search.value = node.getAttribute("data-filter");
      limit = PAGE;
      render();
      document.getElementById("table-section").scrollIntoView();
    });
  });

  var wanted = decodeURIComponent(location.hash.slice(1));
  if (/^mtg_[0-9a-f]{16}$/.test(wanted)) {
    search.value = wanted;
    open[wanted] = true;
  }
  render();
})();
