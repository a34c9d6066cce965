"""The change log behind sync tokens, live push and webhooks."""
