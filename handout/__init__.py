"""The printed handout of a story: `python -m story print PATH OUT.pdf` (maps in maps.py, pages in layout.py, the command in command.py, the font in fonts.py)."""
