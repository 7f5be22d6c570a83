"""`python -m story validate PATH...` and `python -m story convert IN OUT`; see story/cli.py."""

import sys

from story.cli import main

sys.exit(main())
