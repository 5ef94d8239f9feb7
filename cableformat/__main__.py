"""``python -m cableformat``: the command line."""

import sys

from cableformat.cli import main

if __name__ == "__main__":
    sys.exit(main())
