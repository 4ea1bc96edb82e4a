"""`python -m bench.sidebyside`: the side-by-side benchmark (see its README)."""

import sys

from bench.sidebyside.run import main

sys.exit(main())
