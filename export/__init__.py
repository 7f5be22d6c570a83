"""Static export: a story as a self-contained site (index.html plus assets), no server, no CDN."""
