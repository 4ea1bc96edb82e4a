import sys

from nodesim.cli import main

sys.exit(main())
