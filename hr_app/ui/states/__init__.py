"""Small, flat states, one per page. They call services; they hold plain data."""
