"""The story path itself: read as a regular file, with a cap, never blocking."""

from __future__ import annotations

import os

import pytest

from story.problems import StoryReadError
from story.reading import read_text


def test_a_fifo_story_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "story.yaml"
    os.mkfifo(fifo)
    with pytest.raises(StoryReadError, match="not a regular file"):
        read_text(fifo)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_device_is_refused():
    from pathlib import Path

    with pytest.raises(StoryReadError, match="not a regular file"):
        read_text(Path("/dev/zero"))
