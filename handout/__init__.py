"""The printed handout of a story: `python -m storymap print PATH OUT.pdf` (maps in maps.py, pages in layout.py, the font in fonts.py; the command is storymap/cli.py)."""
