"""The Reflex UI: pages, their small states, shared components."""
