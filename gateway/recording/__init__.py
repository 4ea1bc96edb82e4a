"""The audit stage: what the pipeline tells the trail, committed before anything it describes happens."""
