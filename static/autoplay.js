// Autoplay, for kiosks and talks, in the app and in the static export: the story steps through
// its chapters on its own every few seconds. Any key, click or touch by the reader pauses it and
// says so; the Play story / Pause button resumes or pauses it; at the end it stops, or starts
// again from the first chapter when asked to loop.
//
// storymapAutoplay(options) wires it and returns {play(), pause(), playing()}:
//   seconds   time on each chapter (from ?autoplay=SECONDS)
//   loop      start again after the last chapter (?loop=1)
//   button    the Play story / Pause button
//   status    a polite live region that says what autoplay is doing
//   step()    goes to the next chapter; returns false when there is none
//   restart() goes to the first chapter
//   busy()    optional: true while the chapter still has something playing (the war's play
//             control), so the chapter waits for it before moving on
// The page's own autoplay button and any element marked data-autoplay-ignore do not pause it.
(function () {
    "use strict";
    var POLL_MS = 250;

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

    window.storymapAutoplay = function (options) {
        var timer = null;
        var waited = 0;
        var button = options.button;
        var status = options.status;

        function say(text) { if (status) { status.textContent = text; } }

        function show(playing) {
            if (!button) { return; }
            button.textContent = playing ? "Pause" : "Play story";
            button.setAttribute("aria-pressed", playing ? "true" : "false");
        }

        function tick() {
            waited += POLL_MS;
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
            show(true);
            say("Autoplay: a new chapter every " + options.seconds + (options.seconds === 1 ? " second" : " seconds") + (options.loop ? ", starting again after the last." : ".")
                + " Press any key or touch the page to pause.");
        }

        function pause(message) {
            if (timer === null) { return; }
            window.clearInterval(timer);
            timer = null;
            show(false);
            say(message || "Autoplay paused. Press Play story to go on.");
        }

        if (button) {
            button.hidden = false;
            show(false);
            button.addEventListener("click", function (event) {
                event.stopPropagation();
                if (timer === null) { play(); } else { pause(); }
            });
        }
        // The reader takes over: pause on their first key, click or touch anywhere else.
        ["keydown", "pointerdown", "touchstart", "wheel"].forEach(function (type) {
            window.addEventListener(type, function (event) {
                if (timer === null || !event.isTrusted) { return; }
                var target = event.target;
                if (target && target.closest && (target.closest("[data-autoplay-ignore]") || (button && button.contains(target)))) { return; }
                pause();
            }, {capture: true, passive: true});
        });
        return { play: play, pause: pause, playing: function () { return timer !== null; } };
    };
}());
