(function () {
  var errors = window.__errors = window.__errors || [];
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function seconds(ms) { return (ms / 1000).toFixed(ms < 10000 ? 1 : 0) + "s"; }
  function renderTimeline(data) {
    var root = document.getElementById("timeline");
    var span = Math.max(1, data.end - data.start);
    data.lanes.forEach(function (lane) {
      var row = el("div", "lane");
      var label = el("div", "label", lane.lane);
      label.title = lane.lane + " (" + lane.agent + ", run " + lane.runId + ")";
      row.appendChild(label);
      var track = el("div", "track");
      lane.items.forEach(function (it) {
        var bar = el("div", "item " + it.kind + (it.error ? " error" : ""));
        var from = Math.max(0, it.from - data.start), to = Math.max(from, it.to - data.start);
        bar.style.left = (100 * from / span) + "%";
        bar.style.width = Math.max(0.3, 100 * (to - from) / span) + "%";
        bar.title = it.label + " (" + seconds(to - from) + ")" + (it.detail ? "\n" + it.detail : "");
        track.appendChild(bar);
      });
      row.appendChild(track);
      root.appendChild(row);
    });
    var axis = el("div", "axis");
    axis.appendChild(el("span", "", "0s"));
    axis.appendChild(el("span", "", seconds(span / 2)));
    axis.appendChild(el("span", "", seconds(span)));
    root.appendChild(axis);
  }
  try {
    var data = JSON.parse(document.getElementById("report-data").textContent);
    renderTimeline(data.timeline);
  } catch (e) {
    errors.push(String(e && e.stack || e));
  }
  var check = document.getElementById("render-check");
  check.setAttribute("data-graph-nodes", String(document.querySelectorAll("#graph .node").length));
  check.setAttribute("data-timeline-items", String(document.querySelectorAll("#timeline .item").length));
  check.setAttribute("data-errors", String(errors.length));
  check.textContent = errors.join("\n");
})();
