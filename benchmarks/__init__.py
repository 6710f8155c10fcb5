"""Performance benchmarks for tracker: a synthetic-data generator and a runner of whole processes."""
