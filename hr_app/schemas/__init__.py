"""Public shapes (the spec's objects), shared by the API and the UI states."""
