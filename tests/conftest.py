from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.places import load_gazetteer  # noqa: E402
from story.loader import DEFAULT_STORY_PATH, load_story  # noqa: E402
from geo.references import builtin_references  # noqa: E402



@pytest.fixture(scope="session")
def gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="session")
def default_story(gazetteer):
    return load_story(DEFAULT_STORY_PATH, builtin_references())
