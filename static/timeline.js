// The timeline, in the app and in the static export: one button per dated chapter in each drawn
// chart (export/timeline.py draws a narrow and a wide one; timeline.css shows one). A click,
// Enter or Space picks a chapter; Left, Right, Home and End move along the marks, so a chart is
// one tab stop; the current chapter's mark is drawn larger, says "(this chapter)" and is the
// aria-current step.
//
// storymapTimeline(root, pick) wires the charts under root (a document, or the app component's
// own root) and returns {markCurrent(chapterId)}; pick(chapterId) is called on a choice.
(function () {
    "use strict";
    var CURRENT = " (this chapter)";

    function marksOf(chart) { return Array.prototype.slice.call(chart.querySelectorAll(".timeline-mark")); }

    function chapterOf(mark) { return mark.getAttribute("data-chapter"); }

    // The one mark of a chart that Tab reaches.
    function rove(chart, mark) {
        marksOf(chart).forEach(function (other) { other.setAttribute("tabindex", other === mark ? "0" : "-1"); });
    }

    window.storymapTimeline = function (root, pick) {
        var charts = Array.prototype.slice.call(root.querySelectorAll(".timeline-chart"));
        var hint = root.querySelector(".timeline-hint");
        // Mouse readers see which chapter a mark is before choosing it.
        var showHint = function (mark) { if (hint) { hint.textContent = mark ? mark.getAttribute("data-name") : ""; } };

        charts.forEach(function (chart) {
            var marks = marksOf(chart);
            // Each mark's own name, to which "(this chapter)" is added when it is current.
            marks.forEach(function (mark) { mark.setAttribute("data-name", mark.getAttribute("aria-label")); });
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
                // No scrolling on Space; and the page's own Left/Right (chapter steps) stay out.
                event.preventDefault();
                event.stopPropagation();
            });
            chart.addEventListener("mouseover", function (event) {
                var mark = event.target.closest(".timeline-mark");
                if (mark) { showHint(mark); }
            });
            chart.addEventListener("mouseleave", function () {
                var active = chart.getRootNode().activeElement || document.activeElement;  // in a shadow root too
                var focused = active && chart.contains(active) ? active : null;
                showHint(focused && focused.closest ? focused.closest(".timeline-mark") : null);
            });
        });
        if (charts.length) {
            // On the SVG element itself, focus listeners would make Chromium give it a tab stop of its
            // own. (No markup in this file: the page embeds it, and its sanitizer drops a script
            // whose text holds a tag.)
            var holder = charts[0].parentNode;
            holder.addEventListener("focusin", function (event) { showHint(event.target.closest(".timeline-mark")); });
            holder.addEventListener("focusout", function () { showHint(null); });
        }

        // The play head: while the war plays (war-play.js), a line at the day shown on the map;
        // null hides it. Days between eras (the breaks) have no place on the axis.
        window.storymapPlayHead = function (day) {
            charts.forEach(function (chart) {
                var head = chart.querySelector(".timeline-playhead");
                var axis = JSON.parse(chart.getAttribute("data-axis") || "[]"), x = null;
                axis.forEach(function (era) {
                    var start = Date.parse(era[0] + "T00:00:00Z"), end = Date.parse(era[1] + "T00:00:00Z");
                    if (day !== null && day >= start && day <= end) {
                        x = end > start ? era[2] + (era[3] - era[2]) * (day - start) / (end - start) : era[2];
                    }
                });
                if (x === null) { if (head) { head.remove(); } return; }
                if (!head) {
                    head = document.createElementNS("http://www.w3.org/2000/svg", "line");
                    head.setAttribute("class", "timeline-playhead");
                    head.setAttribute("aria-hidden", "true");
                    head.setAttribute("y1", "14");
                    head.setAttribute("y2", String(chart.viewBox.baseVal.height));
                    chart.insertBefore(head, chart.querySelector(".timeline-mark") ? chart.querySelector(".timeline-mark").parentNode : null);
                }
                head.setAttribute("x1", x.toFixed(1));
                head.setAttribute("x2", x.toFixed(1));
            });
        };

        return {
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
    };
}());
