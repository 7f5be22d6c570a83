/* Drawings a story's chapters share, sent once with the base map (storymap.shareDrawings):
 * a chapter names the ones it shows (storymap.drawShared) instead of sending their shapes with
 * every change. Each drawing is a list of shapes:
 *   {kind: "line", lines: [packed points, ...], style, tooltip, popup, popupWidth}
 *   {kind: "point", at: [lat, lon], style, tooltip, popup, popupWidth}
 *   {kind: "label", at: [lat, lon], text, className, direction, offset}
 * Tooltips, popups and label texts are HTML escaped where they were written (geo/popups.py). */
(function () {
  "use strict";
  var storymap = window.storymap = window.storymap || {};
  var shared = {}, digits = 3;

  // Points as geo/packed_points.py packs them: whole steps of 10^-digits degrees, each after the
  // first as its change from the one before.
  storymap.unpackPoints = function (numbers, places) {
    var points = [], lat = 0, lon = 0, scale = Math.pow(10, places);
    for (var k = 0; k + 1 < numbers.length; k += 2) {
      lat += numbers[k];
      lon += numbers[k + 1];
      points.push([lat / scale, lon / scale]);
    }
    return points;
  };

  storymap.shareDrawings = function (drawings, places) {
    shared = drawings;
    digits = places;
  };

  function withText(layer, shape) {
    if (shape.tooltip) { layer.bindTooltip(shape.tooltip, {sticky: true}); }
    if (shape.popup) { layer.bindPopup(shape.popup, {maxWidth: shape.popupWidth || 300}); }
    return layer;
  }

  function shapeLayer(shape) {
    if (shape.kind === "line") {
      var lines = shape.lines.map(function (line) { return storymap.unpackPoints(line, digits); });
      return withText(L.polyline(lines, shape.style), shape);
    }
    if (shape.kind === "point") { return withText(L.circleMarker(shape.at, shape.style), shape); }
    if (shape.kind === "label") {
      // An invisible anchor holding a label that is always shown.
      return L.circleMarker(shape.at, {radius: 1, opacity: 0, fill: false, interactive: false, className: shape.anchorClass || ""})
        .bindTooltip(shape.text, {permanent: true, direction: shape.direction || "right", offset: shape.offset || [0, 0], className: shape.className || ""});
    }
    return null;
  }

  // Put the named drawings in a chapter's group: drawn with it, removed with it.
  storymap.drawShared = function (group, keys) {
    keys.forEach(function (key) {
      (shared[key] || []).forEach(function (shape) {
        var layer = shapeLayer(shape);
        if (layer) { group.addLayer(layer); }
      });
    });
  };
}());
