// The scrolling layout of the static export: the chapters' text scrolls beside (on a phone,
// under) a map that stays in view and flies to each chapter as it reaches the middle of the
// screen. The address names the chapter read (#chapter-id) without adding to the browser's
// history; a #chapter-id link opens there. Page Down, Space and the arrow keys step from
// chapter to chapter; inside the map the arrows pan it, as everywhere.
(function () {
    "use strict";
    var data = window.STORYMAP_DATA;
    var map = window[data.mapName];
    var storymap = window.storymap;
    var steps = Array.prototype.slice.call(document.querySelectorAll(".step"));
    var ids = steps.map(function (step) { return step.getAttribute("data-chapter"); });
    var current = -1;
    var steering = null;  // the chapter a key or link is scrolling to; chapters passed on the way are not shown
    var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var timeline = window.storymapTimeline(document, function (id) { go(ids.indexOf(id)); });

    function chapterFromAddress() {
        var hash = location.hash.slice(1);
        try { return decodeURIComponent(hash); } catch (error) { return hash; }  // "#%" is no chapter
    }

    // Shows a chapter on the map (its places, layers and view) and names it in the address.
    function show(index) {
        if (index === current || index < 0) { return; }
        if (current >= 0) {
            map.removeLayer(storymap.chapters[ids[current]].group);
            steps[current].classList.remove("is-current");
        }
        current = index;
        var filed = storymap.chapters[ids[index]];
        map.addLayer(filed.group);
        storymap.showLayers(map, filed.layers);
        storymap.leaveOff(map, filed.view.absent || [], filed.view.outOfTime || []);
        storymap.showView(map, filed.view);
        steps[index].classList.add("is-current");
        timeline.markCurrent(ids[index]);
        if (chapterFromAddress() !== ids[index]) {
            history.replaceState(null, "", "#" + encodeURIComponent(ids[index]));
        }
    }

    // Scrolls a chapter's text into view; the observer below then shows it on the map.
    function go(index) {
        if (index < 0 || index >= steps.length) { return; }
        steering = index;
        window.clearTimeout(go.timer);
        go.timer = window.setTimeout(function () { steering = null; }, 1500);  // where scrollend never comes
        steps[index].scrollIntoView({behavior: reduceMotion ? "auto" : "smooth", block: "start"});
        show(index);
    }
    window.addEventListener("scrollend", function () { steering = null; });

    // The chapter whose text crosses the middle of the screen is the one the map shows.
    var observer = new IntersectionObserver(function (entries) {
        if (steering !== null) { return; }
        entries.forEach(function (entry) {
            if (entry.isIntersecting) { show(steps.indexOf(entry.target)); }
        });
    }, {rootMargin: "-45% 0px -45% 0px"});
    steps.forEach(function (step) { observer.observe(step); });

    document.addEventListener("keydown", function (event) {
        if (event.altKey || event.ctrlKey || event.metaKey) { return; }
        if (event.target.closest && event.target.closest(".leaflet-container, select, input, textarea, button, summary, a")) { return; }
        var forward = event.key === "PageDown" || event.key === "ArrowRight" || (event.key === " " && !event.shiftKey);
        var back = event.key === "PageUp" || event.key === "ArrowLeft" || (event.key === " " && event.shiftKey);
        if (!forward && !back) { return; }
        event.preventDefault();
        go(Math.max(0, Math.min(steps.length - 1, (current < 0 ? 0 : current) + (forward ? 1 : -1))));
    });

    function openFromAddress() {
        var requested = chapterFromAddress();
        var index = ids.indexOf(requested);
        var notice = document.getElementById("notice");
        notice.hidden = !(requested && index < 0);
        notice.textContent = notice.hidden ? "" : data.unknownLinkNotice;
        if (index >= 0) {
            steps[index].scrollIntoView({block: "start"});
            show(index);
        } else {
            show(0);
        }
    }
    window.addEventListener("hashchange", openFromAddress);

    // A click on a place goes to the next chapter about it (storymap.js: the app's rule).
    storymap.followPlaceClicks(map, data.placeClicks, function () { return current; }, go);

    // Autoplay (?autoplay=SECONDS, ?loop=1), or when the reader presses Play story.
    window.storymapAutoplayFromAddress({
        button: document.getElementById("autoplay"),
        status: document.getElementById("autoplay-status"),
        step: function () {
            if (current < steps.length - 1) { go(current + 1); return true; }
            return false;
        },
        restart: function () { go(0); },
        busy: function () { return Boolean(storymap.busy && storymap.busy()); },
        begin: function () { if (storymap.playTime) { storymap.playTime(); } }
    });

    openFromAddress();
}());
