// The page sizes the map (in the app a frame as high as the window, in the export a box in its
// grid), and may resize it after Leaflet has measured it (a stylesheet arriving, the window
// resized, a phone turned, a notice above it). Leaflet measures it again each time, so the whole
// box is drawn and used; the story map then reframes the chapter (on Leaflet's resize event).
(function () {
    "use strict";
    if (!window.ResizeObserver) { return; }
    L.Map.addInitHook(function () {
        var map = this;
        new ResizeObserver(function () { map.invalidateSize(); }).observe(map.getContainer());
    });
}());
