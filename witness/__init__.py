"""A C2SP tlog-witness: cosigns a log's checkpoints only when they extend what it cosigned before."""
