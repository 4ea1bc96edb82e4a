"""The intake stage: the API key names the tenant, the body is read within its limits, and the
tenant's purpose and model are resolved before any text is looked at."""
