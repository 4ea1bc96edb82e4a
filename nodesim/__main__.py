"""`python -m nodesim`: run a simulated TGI node (the same as `sovgw node-sim`)."""

import sys

from nodesim.cli import main

sys.exit(main())
