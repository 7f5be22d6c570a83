// Chapter navigation for the static export: buttons, chapter list, arrow keys, #chapter links,
// clicks on places and on the timeline (timeline.js). Each chapter change is a new history entry,
// so Back and Forward step through the chapters the reader visited. Story text is set with
// textContent; the picture's figure comes escaped from the exporter (story/figure.py).
(function () {
    "use strict";
    var data = window.STORYMAP_DATA;
    var map = window[data.mapName];
    var storymap = window.storymap;
    var chapters = data.chapters;
    var ids = chapters.map(function (chapter) { return chapter.id; });
    var current = -1;
    var timeline = window.storymapTimeline(document, function (id) { show(ids.indexOf(id)); });
    var layout = window.storymapLayout(document.getElementById("chapter"), document.querySelector(".map-column"));

    function byId(id) { return document.getElementById(id); }

    function setText(id, text) {
        var element = byId(id);
        element.textContent = text;
        element.hidden = !text;
    }

    // The narrative's paragraphs, each its own <p>, set as text.
    function showParagraphs(element, paragraphs) {
        element.replaceChildren.apply(element, paragraphs.map(function (text) {
            var paragraph = document.createElement("p");
            paragraph.textContent = text;
            return paragraph;
        }));
    }

    // fromAddress: the address already names the chapter (a link, Back, Forward): no new entry.
    function show(index, fromAddress) {
        if (index === current) { return; }
        var first = current < 0;
        if (current >= 0) { map.removeLayer(storymap.chapters[ids[current]].group); }
        current = index;
        var chapter = chapters[index];
        var filed = storymap.chapters[chapter.id];
        map.addLayer(filed.group);
        storymap.chapter(map, filed.group, filed.view, filed.layers);  // as the app's chapters do
        setText("chapter-title", chapter.title);
        setText("chapter-date", chapter.date);
        byId("chapter-figure").innerHTML = chapter.figure;
        showParagraphs(byId("chapter-narrative"), chapter.paragraphs);
        setText("map-description", chapter.description);
        byId("position").textContent = chapter.position;
        byId("previous").disabled = index === 0;
        byId("next").disabled = index === chapters.length - 1;
        byId("picker").value = chapter.id;
        timeline.markCurrent(chapter.id);
        if (!first) { layout.chapterChanged(); }
        if (linkedId() !== chapter.id) {
            // A corrected or missing link is replaced; a chapter chosen on the page is a new entry.
            history[fromAddress || first ? "replaceState" : "pushState"](null, "", "#" + encodeURIComponent(chapter.id));
        }
    }

    // The chapter the address names; a malformed address (index.html#%) names none.
    function linkedId() {
        try { return decodeURIComponent(location.hash.slice(1)); } catch (error) { return location.hash.slice(1); }
    }

    function showFromLink() {
        var requested = linkedId();
        var index = ids.indexOf(requested);
        var notice = byId("notice");
        notice.hidden = !(requested && index < 0);
        notice.textContent = notice.hidden ? "" : data.unknownLinkNotice;
        show(index < 0 ? 0 : index, true);
    }

    function step(offset) {
        var index = current + offset;
        if (index >= 0 && index < chapters.length) { show(index); }
    }

    byId("previous").addEventListener("click", function () { step(-1); });
    byId("next").addEventListener("click", function () { step(1); });
    byId("picker").addEventListener("change", function (event) { show(ids.indexOf(event.target.value)); });
    document.addEventListener("keydown", function (event) {
        if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
        // Inside the map the arrows pan it; in the chapter list they choose. (On the timeline they
        // move between its marks, and timeline.js keeps them from reaching here.)
        if (event.target.closest && event.target.closest(".leaflet-container, select, input, textarea")) { return; }
        if (event.key === "ArrowRight") { step(1); event.preventDefault(); }
        if (event.key === "ArrowLeft") { step(-1); event.preventDefault(); }
    });
    window.addEventListener("hashchange", showFromLink);
    window.addEventListener("popstate", showFromLink);

    // A click on a place goes to the next chapter about it (storymap.js: the app's rule).
    storymap.followPlaceClicks(map, data.placeClicks, function () { return current; }, show);

    // Autoplay (?autoplay=SECONDS, ?loop=1), or when the reader presses Play story.
    window.storymapAutoplayFromAddress({
        button: byId("autoplay"),
        status: byId("autoplay-status"),
        step: function () {
            if (current < chapters.length - 1) { show(current + 1, true); return true; }  // no history entry per step
            return false;
        },
        restart: function () { show(0, true); },
        busy: function () { return Boolean(storymap.busy && storymap.busy()); },
        begin: function () { if (storymap.playTime) { storymap.playTime(); } }
    });

    showFromLink();
}());
