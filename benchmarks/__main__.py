"""`python -m benchmarks` runs the benchmark runner (see benchmarks/run.py and benchmarks/README.md)."""

import sys

from benchmarks.run import main

sys.exit(main())
