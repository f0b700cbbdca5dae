"""hr_app: a recruiting workspace (Reflex UI + JSON API on one backend)."""
