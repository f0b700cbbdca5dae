"""The JSON API, mounted on the Reflex backend."""
