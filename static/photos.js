// A chapter photo that cannot load (offline reader, broken address) is swapped for a quiet
// placeholder, keeping its caption and credit: no broken-image icon.
(function () {
    if (window.storymapPhotos) { return; }
    window.storymapPhotos = true;
    function broken(img) {
        var figure = img.closest(".storymap-figure");
        if (figure) { figure.classList.add("storymap-broken"); }
    }
    document.addEventListener("error", function (event) {
        var target = event.target;
        if (target && target.classList && target.classList.contains("storymap-photo")) { broken(target); }
    }, true);
    document.querySelectorAll("img.storymap-photo").forEach(function (img) {
        if (img.complete && img.naturalWidth === 0) { broken(img); }
    });
}());
