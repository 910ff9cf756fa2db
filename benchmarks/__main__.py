"""`python -m benchmarks`: every benchmark, one table (benchmarks/run_all.py)."""

from .run_all import main

main()
