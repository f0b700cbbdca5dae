"""`reflex run --env prod --single-port`, rebuilding the production frontend only when what it is built from changed.

Reflex 0.10.1 compiles the app and runs the bundler (`bun run export`, after deleting `.web/build`) on every prod
start, and has no flag to keep a build (decision 53). This runs Reflex's own `run` command in-process; when the
fingerprint of the build's inputs equals the one stored after the last successful build, the two build steps are
skipped and Reflex serves the kept `.web/build` exactly as it serves a fresh one. Otherwise they run as always, and
the fingerprint is stored once the build has succeeded.

Usage (the Makefile's run target, via scripts/run_app_and_worker.sh): python scripts/reflex_run.py PORT [reflex args]
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Everything the compiled pages can depend on. The whole app package, not only hr_app/ui: pages compile in values
# from models, limits and schemas (select options, lengths, labels), and a stale page would be wrong, not slow.
INPUTS = ("hr_app", "assets", "rxconfig.py", "reflex.lock", ".tools/node_modules/bun/package.json")
SKIPPED_PARTS = {"__pycache__", "external"}  # assets/external: symlinks Reflex itself recreates
STAMP = Path(".web") / "hr_app.build-inputs.json"
LOCK_DIR = "reflex.lock/"
BUILD_INDEX = Path(".web") / "build" / "client" / "index.html"
# Settings that end up in the bundle (.web/env.json holds the websocket and upload URLs with the port).
ENV_PREFIXES = ("REFLEX_", "API_URL", "DEPLOY_URL", "FRONTEND_PATH", "VITE_")


def _files(root: Path) -> Iterable[Path]:
    for name in INPUTS:
        path = root / name
        if path.is_file():
            yield path
        elif path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(root).parts
                if child.is_file() and not SKIPPED_PARTS.intersection(relative) and child.suffix != ".pyc":
                    yield child


def _reflex_versions() -> list[str]:
    names = {d.metadata["Name"] for d in metadata.distributions() if d.metadata["Name"].lower().startswith("reflex")}
    return sorted(f"{name}=={metadata.version(name)}" for name in names)


def _file_digests(root: Path) -> dict[str, str]:
    return {f"file:{path.relative_to(root)}": hashlib.sha256(path.read_bytes()).hexdigest() for path in _files(root)}


def fingerprint(root: Path, port: int, environ: dict[str, str]) -> dict[str, str]:
    """What the build is made from: a digest per input file, the Reflex versions, the port and the settings.

    The port reaches the bundle only through the default API URL; with `REFLEX_API_URL` set (the cluster's nodes
    point their pages at the load balancer) it is not part of the build, so nodes on other ports share one.
    """
    entries = _file_digests(root) | {f"version:{line}": "" for line in _reflex_versions()}
    entries |= {f"env:{key}": value for key, value in environ.items() if key.startswith(ENV_PREFIXES)}
    return entries if environ.get("REFLEX_API_URL") else entries | {"port": str(port)}


def build_is_current(root: Path, current: dict[str, str]) -> bool:
    stamp = root / STAMP
    return (root / BUILD_INDEX).is_file() and stamp.is_file() and json.loads(stamp.read_text()) == current


def _without_lock(entries: dict[str, str]) -> dict[str, str]:
    return {key: value for key, value in entries.items() if not key.startswith(f"file:{LOCK_DIR}")}


def _storing_stamp(build: Callable[[Path], None], root: Path, before: dict[str, str]) -> Callable[[Path], None]:
    def build_then_stamp(web_root: Path) -> None:
        build(web_root)  # raises SystemExit when the bundler fails: no stamp then
        after = {k: v for k, v in before.items() if not k.startswith("file:")} | _file_digests(root)
        # Reflex itself may rewrite reflex.lock/ while building; another input that changed meanwhile may not be in
        # this build, so then nothing is stored and the next start builds again.
        if _without_lock(after) == _without_lock(before):
            (root / STAMP).write_text(json.dumps(after, indent=0, sort_keys=True))

    return build_then_stamp


def main(argv: list[str]) -> None:
    port, reflex_args = int(argv[0]), argv[1:]
    os.chdir(ROOT)
    current = fingerprint(ROOT, port, dict(os.environ))
    keep = build_is_current(ROOT, current)

    from reflex import reflex as reflex_cli
    from reflex.utils import build

    if keep:
        print("UI unchanged since its last build: serving the kept production build", flush=True)
        reflex_cli._compile_app = lambda **_: None
        build.setup_frontend_prod = lambda _root: None
    else:
        (ROOT / STAMP).unlink(missing_ok=True)  # an interrupted build must not look current
        build.setup_frontend_prod = _storing_stamp(build.setup_frontend_prod, ROOT, current)
    args = ["run", "--env", "prod", "--single-port", "--frontend-port", str(port), *reflex_args]
    reflex_cli.cli(args, prog_name="reflex")


if __name__ == "__main__":
    main(sys.argv[1:])
