"""The command line: `python -m storymap validate|convert|export|print|schema` (see storymap/cli.py).

It sits above every other package (story -> geo -> render -> export/handout), so it may use them all.
"""
