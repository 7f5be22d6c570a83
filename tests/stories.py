"""A small valid story that tests change one field at a time to break it."""

GOOD = """\
title: A small story
source:
  title: Notes
  publisher: Ourselves
  date: 2024-05
chapters:
  - id: first-step
    title: First step
    date: 1950-06-25
    caption: A caption.
    narrative: A paragraph.
    places: [busan]
  - id: second-step
    title: Second step
    caption: Another caption.
    narrative: Another paragraph.
    view:
      center: [37.5, 127.0]
      zoom: 9
"""
