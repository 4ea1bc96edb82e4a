import sys

from gateway.nodesim.cli import main

sys.exit(main())
