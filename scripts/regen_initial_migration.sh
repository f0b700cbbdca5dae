#!/usr/bin/env bash
# Until the first release, the schema lives in ONE initial revision. After changing models,
# run this to regenerate it from SQLModel.metadata (against a throwaway SQLite file).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
rm -f alembic/versions/0001_initial.py
DATABASE_URL="sqlite:///$tmp/regen.db" .venv/bin/alembic revision --autogenerate --rev-id 0001 -m "initial schema" >/dev/null
mv alembic/versions/0001_initial_schema.py alembic/versions/0001_initial.py
.venv/bin/ruff format -q alembic/versions/0001_initial.py || true
.venv/bin/ruff check -q --fix alembic/versions/0001_initial.py || true
rm -rf "$tmp"
echo "regenerated alembic/versions/0001_initial.py"
