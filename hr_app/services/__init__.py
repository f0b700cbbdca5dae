"""Use cases. Every business rule and every write lives here, once."""
