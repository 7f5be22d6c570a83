// On a touch screen one finger scrolls the page and two fingers move the map, so a reader
// scrolling past the map is never caught by it (leaflet-gesture-handling, vendored, shows "Use
// two fingers to move the map"). A mouse, a trackpad or the keyboard moves the map as before.
// Loaded after Leaflet and the plugin, before any map is made.
(function () {
    "use strict";
    if (!(window.matchMedia && window.matchMedia("(pointer: coarse)").matches)) { return; }
    L.Map.addInitHook(function () {
        this.gestureHandling.enable();
        // Leaflet forbids the browser any gesture on the map while dragging is on (touch-action:
        // none), and the plugin turns dragging on for a two-finger move (and on the mouse events
        // a tap fires), which would leave the next one-finger swipe caught. Two-finger moves
        // still reach the map: the plugin takes them over.
        this.getContainer().style.touchAction = "pan-x pan-y";
    });
}());
