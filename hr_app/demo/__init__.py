"""Demo data for a first run (`python -m hr_app.cli seed-demo`)."""
