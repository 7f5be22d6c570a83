// Autoplay, for kiosks and talks, in the app and in the static export: the story steps through
// its chapters on its own every few seconds. Any key, click or touch by the reader pauses it and
// says so; the Play story / Pause button resumes or pauses it; at the end it stops, or starts
// again from the first chapter when asked to loop.
//
// storymapAutoplay(options) wires it and returns {play(), pause(), playing(), watch(window)}:
//   seconds   time on each chapter (from ?autoplay=SECONDS)
//   loop      start again after the last chapter (?loop=1)
//   button    the Play story / Pause button, or a function that finds it (a page that redraws it)
//   status    a polite live region that says what autoplay is doing (element or function)
//   step()    goes to the next chapter; returns false when there is none
//   restart() goes to the first chapter
//   busy()    optional: true while the chapter still has something playing (the war's play
//             control), so the chapter waits for it before moving on
//   begin()   optional: starts what the chapter plays (called a second after it is shown)
// watch(window) also pauses on the reader's input in another window of the page (a frame);
// draw() shows the button and status again, for a page that draws them after this script runs.
// (No markup in this file: the app's page embeds it, and its sanitizer drops a script whose text
// holds a tag.)
(function () {
    "use strict";
    if (window.storymapAutoplay) { return; }
    var POLL_MS = 250;
    var BEGIN_MS = 1000;  // a chapter's own play starts once the page has shown it
    var INPUT = ["keydown", "pointerdown", "touchstart", "wheel"];

    // ?autoplay=SECONDS&loop=1 from an address; null when autoplay is not asked for.
    window.storymapAutoplaySettings = function (search) {
        var params = new URLSearchParams(search);
        if (!params.has("autoplay")) { return null; }
        var seconds = parseFloat(params.get("autoplay"));
        return {
            seconds: isFinite(seconds) && seconds >= 1 ? Math.min(seconds, 3600) : 20,
            loop: params.get("loop") === "1" || params.get("loop") === "true"
        };
    };

    function finder(option) {
        return typeof option === "function" ? option : function () { return option || null; };
    }

    // A page that switches chapters itself (the static export): autoplay as its address asks
    // (?autoplay=SECONDS&loop=1), started at once, or on the Play story button (20 seconds).
    window.storymapAutoplayFromAddress = function (options) {
        var settings = window.storymapAutoplaySettings(location.search);
        var autoplay = window.storymapAutoplay(Object.assign({
            seconds: settings ? settings.seconds : 20,
            loop: settings ? settings.loop : false
        }, options));
        if (settings) { autoplay.play(); }
        return autoplay;
    };

    window.storymapAutoplay = function (options) {
        var timer = null;
        var waited = 0;
        var message = "";
        var buttonOf = finder(options.button);
        var statusOf = finder(options.status);
        var watched = [];

        // Writes the button's and the status's state (again after the page redraws them).
        function draw() {
            var button = buttonOf(), status = statusOf(), playing = timer !== null;
            if (button) {
                button.hidden = false;
                if (button.textContent !== (playing ? "Pause" : "Play story")) { button.textContent = playing ? "Pause" : "Play story"; }
                button.setAttribute("aria-pressed", playing ? "true" : "false");
            }
            if (status && status.textContent !== message) { status.textContent = message; }
        }

        function say(text) { message = text; draw(); }

        function tick() {
            draw();
            waited += POLL_MS;
            if (waited === BEGIN_MS && options.begin) { options.begin(); }
            if (waited < options.seconds * 1000 || (options.busy && options.busy())) { return; }
            waited = 0;
            if (options.step()) { return; }
            if (options.loop) {
                options.restart();
            } else {
                pause("Autoplay finished at the last chapter.");
            }
        }

        function play() {
            if (timer !== null) { return; }
            waited = 0;
            timer = window.setInterval(tick, POLL_MS);
            say("Autoplay: a new chapter every " + options.seconds + (options.seconds === 1 ? " second" : " seconds")
                + (options.loop ? ", starting again after the last." : ".") + " Press any key or touch the page to pause.");
        }

        function pause(text) {
            if (timer === null) { return; }
            window.clearInterval(timer);
            timer = null;
            say(text || "Autoplay paused. Press Play story to go on.");
        }

        function onInput(event) {
            if (!event.isTrusted) { return; }
            var button = buttonOf(), target = event.target;
            var onButton = button && target && (button === target || (button.contains && button.contains(target)));
            if (onButton) {
                if (event.type === "pointerdown" || event.type === "touchstart") { return; }  // its click decides
                if (event.type === "keydown" && (event.key === "Enter" || event.key === " ")) { return; }
            }
            if (timer !== null && !(target && target.closest && target.closest("[data-autoplay-ignore]"))) { pause(); }
        }

        function watch(win) {
            if (!win || watched.indexOf(win) !== -1) { return; }
            watched.push(win);
            INPUT.forEach(function (type) { win.addEventListener(type, onInput, {capture: true, passive: true}); });
        }

        document.addEventListener("click", function (event) {
            var button = buttonOf();
            if (!button || !(button === event.target || button.contains(event.target))) { return; }
            event.stopPropagation();
            if (timer === null) { play(); } else { pause(); }
        }, true);
        watch(window);
        draw();
        return { play: play, pause: pause, playing: function () { return timer !== null; }, watch: watch, draw: draw };
    };
}());
