// Autoplay in the app (static/autoplay.js does the work): ?autoplay=SECONDS and ?loop=1 in the
// app's address, or the Play story button. A step clicks the page's own Next button, so the app
// moves as if the reader had; looping clicks a hidden Start again button. The reader's input in
// the map's frame pauses it too, and a chapter waits while the map's war play control is playing.
(function () {
    "use strict";
    if (window.storymapAppAutoplay) { return; }
    window.storymapAppAutoplay = true;

    function controls(selector) { return document.querySelector(".st-key-autoplay-controls " + selector); }

    function nextButton() {
        var buttons = document.querySelectorAll(".st-key-chapter-nav button");
        return Array.prototype.find.call(buttons, function (button) { return button.textContent.trim().indexOf("Next") === 0; });
    }

    function mapWindow() {
        var frame = document.querySelector("iframe[title='streamlit_folium.st_folium']");
        try { return frame && frame.contentWindow && frame.contentWindow.document ? frame.contentWindow : null; } catch (error) { return null; }
    }

    var settings = window.storymapAutoplaySettings(location.search);
    var autoplay = window.storymapAutoplay({
        seconds: settings ? settings.seconds : 20,
        loop: settings ? settings.loop : false,
        button: function () { return controls(".storymap-autoplay"); },
        status: function () { return controls(".storymap-autoplay-status"); },
        step: function () {
            var next = nextButton();
            if (!next || next.disabled) { return false; }
            next.click();
            return true;
        },
        restart: function () {
            var again = document.querySelector(".st-key-autoplay-restart button");
            if (again) { again.click(); }
        },
        busy: function () {
            var map = mapWindow();
            return Boolean(map && map.storymap && map.storymap.busy && map.storymap.busy());
        },
        begin: function () {
            var map = mapWindow();
            if (map && map.storymap && map.storymap.playTime) { map.storymap.playTime(); }
        }
    });
    // The map's frame comes and goes with the page; listen in it once it is there. Autoplay asked
    // for in the address starts once the page has drawn its chapter and map, so that its first
    // step goes on from the chapter in the address.
    var waiting = Boolean(settings);
    window.setInterval(function () {
        autoplay.draw();  // Streamlit draws (and redraws) the button after this script has run
        var map = mapWindow();
        if (map) { autoplay.watch(map); }
        if (waiting && map && map.storymap && nextButton()) {
            waiting = false;
            autoplay.play();
        }
    }, 250);
}());
