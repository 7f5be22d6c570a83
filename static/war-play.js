/* Play the war: a control on the story map that moves the front through time.
 *
 * Configured once with the base map (storymapWar.init, data from geo/war_play.py): every front
 * snapshot resampled to the same number of points, the land one side held on each snapshot
 * day, the computed shares, and a small chart of them. Between two snapshots the front is
 * blended here in the browser, as geo/fronts.py does, so playing sends nothing to the server.
 * Each chapter tells the control its day and the next chapter's (storymapWar.chapter).
 * Readers who ask for reduced motion get the snapshots one by one instead of a moving line.
 */
(function () {
  "use strict";
  var DAY = 86400000;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  var FRAME_MS = 80, FRAMES_PER_PLAY = 90, STEP_MS = 1200;
  var WAITING = "waiting";  // state.timer while the map flies to take in the play's fronts
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function time(iso) { return Date.parse(iso + "T00:00:00Z"); }
  function label(t) { var d = new Date(t); return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear(); }
  function iso(t) { return new Date(t).toISOString().slice(0, 10); }

  // The front on day t: {segments: [[[lat, lon], ...], ...], interpolated, nearest (snapshot index)}.
  function frontAt(config, t) {
    var snaps = config.snapshots, i = 0;
    if (t <= snaps[0].t) { return pieces(snaps[0].line, snaps[0].gap, false, 0); }
    while (i + 1 < snaps.length && snaps[i + 1].t <= t) { i += 1; }
    if (i + 1 >= snaps.length || snaps[i].t === t) { return pieces(snaps[i].line, snaps[i].gap, false, i); }
    var a = snaps[i], b = snaps[i + 1], share = (t - a.t) / (b.t - a.t);
    var line = a.line.map(function (p, k) {
      var q = b.line[k];
      return [p[0] + (q[0] - p[0]) * share, p[1] + (q[1] - p[1]) * share];
    });
    return pieces(line, share < 0.5 ? a.gap : b.gap, true, share < 0.5 ? i : i + 1);
  }

  // Split a resampled line where it crosses a gap in the front (no line stood there).
  function pieces(line, gap, interpolated, nearest) {
    var segments = [], current = [line[0]];
    for (var k = 1; k < line.length; k += 1) {
      if (gap[k - 1]) {
        if (current.length > 1) { segments.push(current); }
        current = [line[k]];
      } else {
        current.push(line[k]);
      }
    }
    if (current.length > 1) { segments.push(current); }
    return {segments: segments, interpolated: interpolated, nearest: nearest};
  }

  function shareAt(config, t) {
    var points = config.shares;
    for (var k = 0; k + 1 < points.length; k += 1) {
      if (points[k].t <= t && t <= points[k + 1].t) {
        var f = (t - points[k].t) / Math.max(points[k + 1].t - points[k].t, 1);
        return points[k].share + (points[k + 1].share - points[k].share) * f;
      }
    }
    return points[points.length - 1].share;
  }

  function unpackPolygons(polygons, digits) {
    return polygons.map(function (rings) { return rings.map(function (ring) { return window.storymap.unpackPoints(ring, digits); }); });
  }

  function init(map, config) {
    config.first = time(config.first);
    config.last = time(config.last);
    config.areas = config.areas.map(function (polygons) { return unpackPolygons(polygons, config.digits); });
    Object.keys(config.days).forEach(function (day) {
      config.days[day] = {right: unpackPolygons(config.days[day].right, config.digits), left: unpackPolygons(config.days[day].left, config.digits)};
    });
    config.snapshots.forEach(function (snap) {
      snap.line = window.storymap.unpackPoints(snap.line, config.digits);
      snap.t = time(snap.date);
      snap.gap = snap.line.map(function () { return false; });  // sent as the indexes of gap points
      snap.gaps.forEach(function (k) { snap.gap[k] = true; });
    });
    config.shares.forEach(function (point) { point.t = time(point.date); });
    var state = {map: map, config: config, t: config.first, home: null, to: config.last, timer: null, line: null, area: null, held: []};
    var control = L.control({position: "bottomleft"});
    control.onAdd = function () {
      var box = L.DomUtil.create("div", "storymap-war-play leaflet-bar");
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", "Play the war: the front through time");
      // The chart is our own SVG, built from computed numbers with its text escaped (geo/share_chart.py).
      box.innerHTML = config.chart;
      var row = L.DomUtil.create("div", "storymap-war-row", box);
      state.button = L.DomUtil.create("button", "storymap-war-button", row);
      state.button.type = "button";
      state.range = L.DomUtil.create("input", "storymap-war-range", row);
      state.range.type = "range";
      state.range.min = 0;
      state.range.max = Math.round((config.last - config.first) / DAY);
      state.range.step = 1;
      state.range.setAttribute("aria-label", "Day of the war");
      state.readout = L.DomUtil.create("output", "storymap-war-readout", box);
      state.readout.setAttribute("aria-live", "polite");
      state.mark = box.querySelector(".storymap-share-mark");
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      L.DomEvent.on(state.button, "click", function () { toggle(state); });
      L.DomEvent.on(state.range, "input", function () {
        stop(state);
        show(state, config.first + Number(state.range.value) * DAY);
      });
      L.DomEvent.on(box, "keydown", function (event) {
        if (event.key === "k" || event.key === "K") { toggle(state); event.preventDefault(); }
      });
      state.box = box;
      return box;
    };
    control.addTo(map);
    state.chartLeft = config.chart_x[0];
    state.chartRight = config.chart_x[1];
    window.storymapWar.state = state;
    button(state);
    show(state, config.first, true);
    state.box.hidden = true;
  }

  function button(state) {
    var playing = state.timer !== null;
    state.button.textContent = playing ? "Pause" : "Play";
    state.button.setAttribute("aria-pressed", playing ? "true" : "false");
    state.box.classList.toggle("storymap-war-playing", playing);
  }

  // Draw day t: the moving line and the nearest snapshot's held land, or the chapter's own
  // drawing when t is the chapter's day.
  // The page's timeline marks the day while the war plays (timeline.js), in this page or, for the
  // app's map frame, the page around it.
  function playHead(t) {
    var hook = window.storymapPlayHead;
    try { if (!hook && window.parent !== window) { hook = window.parent.storymapPlayHead; } } catch (error) { hook = null; }
    if (hook) { hook(t); }
  }

  function show(state, t, quiet) {
    var config = state.config, map = state.map;
    state.t = Math.max(config.first, Math.min(config.last, t));
    playHead(state.timer !== null ? state.t : null);
    state.range.value = Math.round((state.t - config.first) / DAY);
    var front = frontAt(config, state.t);
    // A chapter outside the war (1910, 2013) draws no front at all; at the chapter's own day its
    // layer draws the front, and the play control draws any other day's.
    var outside = state.home === null, atHome = !outside && state.t === state.home;
    map.getContainer().classList.toggle("storymap-war-moved", !outside && !atHome);
    if (state.line) { map.removeLayer(state.line); state.line = null; }
    if (state.area) { map.removeLayer(state.area); state.area = null; }
    // The land each side held on the chapter's own day, shaded while the map shows that day.
    state.held.forEach(function (layer) {
      if (atHome && !map.hasLayer(layer)) { map.addLayer(layer); }
      if (!atHome && map.hasLayer(layer)) { map.removeLayer(layer); }
    });
    if (!outside && !atHome) {
      state.area = L.polygon(config.areas[front.nearest], {
        className: "storymap-war-area", stroke: false, fillColor: config.left_colour, fillOpacity: 0.13, interactive: false
      }).addTo(map);
      state.line = L.polyline(front.segments, {
        className: "storymap-war-front", color: config.colour, weight: 4, opacity: 0.95,
        dashArray: front.interpolated ? "10 5" : null, interactive: false
      }).addTo(map);
    }
    var share = shareAt(config, state.t);
    var day = label(state.t) + (front.interpolated ? " (between two snapshots)" : "");
    var percent = Math.round(share * 100);  // the other side's is what is left, so the two make 100
    var shares = ": " + config.right + " " + percent + "%, " + config.left + " " + (100 - percent) + "%";
    // Two parts, so that a small map can show the day alone (storymap.css) and still say it all.
    var dayPart = document.createElement("span"), sharesPart = document.createElement("span");
    dayPart.className = "storymap-war-day";
    dayPart.textContent = day;
    sharesPart.className = "storymap-war-shares";
    sharesPart.textContent = shares;
    state.readout.replaceChildren(dayPart, sharesPart);
    state.range.setAttribute("aria-valuetext", label(state.t));
    state.box.setAttribute("data-day", iso(state.t));
    if (state.mark) {
      var x = state.chartLeft + (state.chartRight - state.chartLeft) * (state.t - config.first) / (config.last - config.first);
      state.mark.setAttribute("x1", x.toFixed(1));
      state.mark.setAttribute("x2", x.toFixed(1));
    }
    if (!quiet) { state.readout.setAttribute("aria-live", state.timer ? "off" : "polite"); }
  }

  function stop(state) {
    if (state.timer !== null) {
      if (state.timer !== WAITING) { window.clearInterval(state.timer); }
      state.timer = null;
      button(state);
      playHead(null);
    }
  }

  // The fronts a play from one day to another passes through, as bounds.
  function frontsBetween(config, from, to) {
    var bounds = L.latLngBounds([]);
    [from, to].concat(config.snapshots.filter(function (snap) { return snap.t > from && snap.t < to; })
      .map(function (snap) { return snap.t; })).forEach(function (t) {
      frontAt(config, t).segments.forEach(function (segment) { bounds.extend(segment); });
    });
    return bounds;
  }

  function toggle(state) {
    if (state.timer !== null) { stop(state); return; }
    var config = state.config, from = state.home !== null ? state.home : config.first;
    var to = state.to > from ? state.to : config.last;
    if (state.t < from || state.t >= to) { show(state, from); }
    // The map takes in every front the play will draw, when the chapter's view does not; the
    // map's back button returns to the chapter's view.
    var fronts = frontsBetween(config, state.t, to), map = state.map, flying = false;
    if (fronts.isValid() && !map.getBounds().contains(fronts) && window.storymap && window.storymap.fitOptions) {
      window.storymap.readerMoved = true;  // the reader asked for this view: no refit under it
      var fit = window.storymap.fitOptions(map, fronts);
      if (reduceMotion) { map.fitBounds(fronts, L.extend({animate: false}, fit)); }
      else { map.flyToBounds(fronts, L.extend({duration: 0.8}, fit)); flying = true; }
    }
    // Time runs once the map has arrived: lines drawn in mid-flight would not show until it lands.
    state.timer = WAITING;
    button(state);
    if (flying) { map.once("moveend", function () { run(state, from, to); }); }
    else { run(state, from, to); }
  }

  function run(state, from, to) {
    if (state.timer !== WAITING) { return; }  // paused, or another chapter, before the map arrived
    var config = state.config;
    if (reduceMotion) {
      // Steps, not motion: each snapshot in the span in turn, then the end of the span.
      var stops = config.snapshots.map(function (snap) { return snap.t; })
        .filter(function (t) { return t > state.t && t < to; }).concat([to]);
      state.timer = window.setInterval(function () {
        show(state, stops.shift());
        if (!stops.length) { stop(state); }
      }, STEP_MS);
    } else {
      var step = Math.max(DAY, Math.round((to - from) / FRAMES_PER_PLAY / DAY) * DAY);
      state.timer = window.setInterval(function () {
        var next = Math.min(state.t + step, to);
        show(state, next);
        if (next >= to) { stop(state); }
      }, FRAME_MS);
    }
    button(state);
  }

  // A chapter's day (ISO date, or null for a chapter outside the war) and the day play runs to.
  function chapter(map, day, to) {
    var state = window.storymapWar.state;
    if (!state || state.map !== map) { return; }
    stop(state);
    state.held.forEach(function (layer) { map.removeLayer(layer); });
    var held = day === null ? null : state.config.days[day];
    state.held = !held ? [] : [["right", state.config.right_colour], ["left", state.config.left_colour]].map(function (side) {
      return L.polygon(held[side[0]], {
        className: "storymap-held storymap-held-" + side[0], stroke: false, fillColor: side[1], fillOpacity: state.config.shade, interactive: false
      });
    });
    state.box.hidden = day === null;
    state.home = day === null ? null : time(day);
    state.to = to === null ? state.config.last : time(to);
    show(state, state.home === null ? state.config.first : state.home, true);
  }

  // For autoplay (static/autoplay.js): play the chapter's time, and whether it is still playing,
  // so that a chapter waits for its time to finish before the story moves on.
  function playChapter() {
    var state = window.storymapWar.state;
    if (state && state.timer === null && !state.box.hidden && state.home !== null) { toggle(state); }
  }
  var storymap = window.storymap = window.storymap || {};
  storymap.playTime = playChapter;
  storymap.busy = function () { var state = window.storymapWar.state; return Boolean(state && state.timer !== null); };

  window.storymapWar = {init: init, chapter: chapter, frontAt: frontAt, state: null};
})();
