// The page's layout, in the app and in the static export: the chapter's text scrolls on its own
// beside the map (page.css, export.css), so it is a named region that the keyboard can reach and
// scroll, and each new chapter starts at the top of its text; on a phone, where the page scrolls,
// a chapter chosen from far down the text brings the map back into view.
//
// storymapLayout(textRegion, mapBox) is called by the export with its elements; in the app this
// file finds them itself, as Streamlit draws them.
(function () {
    "use strict";
    if (window.storymapLayout) { return; }

    function prepare(region) {
        if (region.getAttribute("data-storymap-region")) { return; }
        region.setAttribute("data-storymap-region", "1");
        region.setAttribute("role", "region");
        region.setAttribute("aria-label", "Chapter text");
        region.setAttribute("tabindex", "0");
    }

    // A new chapter: its text from the top, and on a phone the map in view again.
    function chapterChanged(region, mapBox) {
        region.scrollTop = 0;
        var box = mapBox && mapBox.getBoundingClientRect();
        if (box && box.height && 0 > box.bottom) {
            mapBox.scrollIntoView({block: "start"});
        }
    }

    window.storymapLayout = function (region, mapBox) {
        prepare(region);
        return { chapterChanged: function () { chapterChanged(region, mapBox); } };
    };

    // The app: Streamlit draws and redraws the page, so watch for the text's region and for the
    // chapter it announces (its polite live region) to change.
    var REGION = ".st-key-chapter-text", ANNOUNCED = ".st-key-chapter-text [aria-live]", MAP = ".st-key-storymap-map";
    var announced = null;
    function check() {
        var region = document.querySelector(REGION);
        if (!region) { return; }
        prepare(region);
        var live = document.querySelector(ANNOUNCED);
        var text = live ? live.textContent : null;
        if (text !== announced) {
            if (announced !== null) { chapterChanged(region, document.querySelector(MAP)); }
            announced = text;
        }
    }
    new MutationObserver(check).observe(document.body, {childList: true, subtree: true, characterData: true});
    check();
}());
