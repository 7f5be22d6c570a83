// The timeline on the static page: one button per dated chapter in each drawn chart (export/
// timeline.py draws a narrow and a wide one; export.css shows one). A click, Enter or Space picks
// a chapter; Left, Right, Home and End move along the marks, so a chart is one tab stop; the
// current chapter's mark is drawn larger, says "(this chapter)" and is the aria-current step, as
// in the app.
(function () {
    "use strict";
    var CURRENT = " (this chapter)";
    var charts = Array.prototype.slice.call(document.querySelectorAll(".timeline-chart"));
    var timeline = document.querySelector(".timeline");
    var hint = document.querySelector(".timeline-hint");

    function marksOf(chart) { return Array.prototype.slice.call(chart.querySelectorAll(".timeline-mark")); }

    function chapterOf(mark) { return mark.getAttribute("data-chapter"); }

    // The one mark of a chart that Tab reaches.
    function rove(chart, mark) {
        marksOf(chart).forEach(function (other) { other.setAttribute("tabindex", other === mark ? "0" : "-1"); });
    }

    // Mouse readers see which chapter a mark is before choosing it, as the app's tooltip shows.
    function showHint(mark) { if (hint) { hint.textContent = mark ? mark.getAttribute("data-name") : ""; } }

    function wire(chart, pick) {
        var marks = marksOf(chart);
        chart.addEventListener("click", function (event) {
            var mark = event.target.closest(".timeline-mark");
            if (mark) { pick(chapterOf(mark)); }
        });
        chart.addEventListener("keydown", function (event) {
            var mark = event.target.closest(".timeline-mark");
            if (!mark || event.altKey || event.ctrlKey || event.metaKey) { return; }
            var index = marks.indexOf(mark);
            var moves = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: marks.length - 1 };
            if (event.key === "Enter" || event.key === " ") {
                pick(chapterOf(mark));
            } else if (moves.hasOwnProperty(event.key)) {
                var target = marks[Math.max(0, Math.min(marks.length - 1, moves[event.key]))];
                rove(chart, target);
                target.focus();
            } else {
                return;
            }
            event.preventDefault();  // no scrolling on Space, no chapter step on the arrows
        });
        chart.addEventListener("mouseover", function (event) {
            var mark = event.target.closest(".timeline-mark");
            if (mark) { showHint(mark); }
        });
        chart.addEventListener("mouseleave", function () { showHint(chart.contains(document.activeElement) ? document.activeElement : null); });
    }

    // Each mark's own name, to which "(this chapter)" is added when it is current.
    charts.forEach(function (chart) {
        marksOf(chart).forEach(function (mark) { mark.setAttribute("data-name", mark.getAttribute("aria-label")); });
    });

    window.storymapTimeline = {
        // pick(chapterId) is called when a reader chooses a mark.
        start: function (pick) {
            charts.forEach(function (chart) { wire(chart, pick); });
            if (!timeline) { return; }
            // On the <svg> itself, focus listeners would make Chromium give it a tab stop of its own.
            timeline.addEventListener("focusin", function (event) { showHint(event.target.closest(".timeline-mark")); });
            timeline.addEventListener("focusout", function () { showHint(null); });
        },
        // Marks the chapter as the current one; an undated chapter has no mark, so none is marked.
        markCurrent: function (chapterId) {
            charts.forEach(function (chart) {
                marksOf(chart).forEach(function (mark) {
                    var current = chapterOf(mark) === chapterId;
                    mark.classList.toggle("is-current", current);
                    mark.setAttribute("aria-label", mark.getAttribute("data-name") + (current ? CURRENT : ""));
                    if (current) { mark.setAttribute("aria-current", "step"); rove(chart, mark); } else { mark.removeAttribute("aria-current"); }
                });
            });
        }
    };
}());
