// The timeline by keyboard. Vega draws each chapter as an SVG path with an ARIA label but
// nothing to focus, so this makes the marks one tab stop (the current chapter's mark):
// Left/Right/Home/End move along the marks in time order, Enter or Space goes to that chapter
// (the same click a pointer makes, so Vega's selection and the app's callback do the rest).
// Streamlit replaces the chart's SVG on every rerun, so the marks are set up again each time,
// and focus comes back to the timeline after a jump made from it.
(function () {
    if (window.storymapTimelineKeys) { return; }
    window.storymapTimelineKeys = true;
    var MARKS = ".st-key-timeline g.mark-symbol > path";  // Vega's class for the circles
    var refocus = false;

    function marks() { return Array.prototype.slice.call(document.querySelectorAll(MARKS)); }

    function isCurrent(mark) { return / \(this chapter\)$/.test(mark.getAttribute("aria-label") || ""); }

    function prepare() {
        var all = marks();
        if (!all.length || all.every(function (m) { return m.hasAttribute("tabindex"); })) { return; }
        var current = all.filter(isCurrent)[0];
        all.forEach(function (mark) {
            mark.setAttribute("role", "button");
            mark.removeAttribute("aria-roledescription");  // announced as a button, not "circle"
            mark.setAttribute("tabindex", mark === (current || all[0]) ? "0" : "-1");
            if (isCurrent(mark)) { mark.setAttribute("aria-current", "step"); }
            mark.classList.add("storymap-timeline-mark");
        });
        var svg = all[0].ownerSVGElement;
        if (svg && !svg.hasAttribute("aria-label")) {
            svg.setAttribute("role", "group");
            svg.setAttribute("aria-label", "Timeline of the chapters: arrow keys move between them, Enter goes to one");
        }
        if (refocus && current) {
            refocus = false;
            current.focus();
        }
    }

    function press(mark) {
        var box = mark.getBoundingClientRect();
        var at = { bubbles: true, cancelable: true, view: window, clientX: box.x + box.width / 2, clientY: box.y + box.height / 2 };
        refocus = true;
        mark.dispatchEvent(new MouseEvent("click", at));
    }

    function move(from, to) {
        from.setAttribute("tabindex", "-1");
        to.setAttribute("tabindex", "0");
        to.focus();
    }

    // On the document in the capture phase, so the keys reach us before the app's own
    // Left/Right shortcuts (Previous/Next), which listen on the document as it bubbles.
    document.addEventListener("keydown", function (event) {
        var mark = event.target;
        if (!mark || !mark.matches || !mark.matches(MARKS)) { return; }
        var all = marks(), at = all.indexOf(mark), to = null;
        if (event.key === "ArrowLeft" || event.key === "ArrowUp") { to = all[Math.max(at - 1, 0)]; }
        else if (event.key === "ArrowRight" || event.key === "ArrowDown") { to = all[Math.min(at + 1, all.length - 1)]; }
        else if (event.key === "Home") { to = all[0]; }
        else if (event.key === "End") { to = all[all.length - 1]; }
        else if (event.key === "Enter" || event.key === " ") { press(mark); }
        else { return; }
        event.preventDefault();
        event.stopPropagation();
        if (to && to !== mark) { move(mark, to); }
    }, true);

    new MutationObserver(prepare).observe(document.body, { childList: true, subtree: true });
    prepare();
}());
