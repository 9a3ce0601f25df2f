"""Partners of the REST API and their API keys (stored hashed)."""
