"""``python -m mcda``: the command line."""

import sys

from mcda.cli import main

sys.exit(main())
