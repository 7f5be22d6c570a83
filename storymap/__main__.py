"""`python -m storymap COMMAND ...`; see storymap/cli.py."""

import sys

from storymap.cli import main

sys.exit(main())
