"""Tenant quotas: requests per minute and tokens per day, counted in this process or in Redis/Valkey."""
