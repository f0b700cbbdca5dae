"""The OpenAPI document is part of the contract: refactors must leave it byte-identical.

The snapshot was taken from the first release's main (789be27). A change that is meant to alter the document
(a new documented endpoint) regenerates it with `python -m tests.api.test_openapi_snapshot` and says so in its commit.
"""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

SNAPSHOT = Path(__file__).parent / "snapshots" / "openapi.json"


def test_openapi_document_is_byte_identical_to_the_snapshot(client: TestClient) -> None:
    response = client.get("/api/openapi.json")

    assert response.status_code == 200
    assert response.content == SNAPSHOT.read_bytes()


if __name__ == "__main__":
    import tests.conftest  # noqa: F401  (test settings: a throwaway database and secret)
    from hr_app.api.app import create_api

    with TestClient(create_api()) as snapshot_client:
        SNAPSHOT.write_bytes(snapshot_client.get("/api/openapi.json").content)
    print(f"wrote {SNAPSHOT}")
