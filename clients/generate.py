"""Generate the Python SDK (clients/python) from the app's OpenAPI document.

    python clients/generate.py          # regenerate clients/python
    python clients/generate.py --check  # exit 1 when clients/python is stale

The document comes from the app factory (no server, no database connection);
openapi-python-client (pinned in requirements-dev.txt) writes the package with the
settings of clients/python/config.yaml, the one file of the folder it does not make.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CLIENTS = Path(__file__).resolve().parent
PROJECT_ROOT = CLIENTS.parent
OUTPUT = CLIENTS / "python"
CONFIG = OUTPUT / "config.yaml"
# The tools of the interpreter running this script (openapi-python-client, and the
# ruff its post hooks call), whatever PATH says.
BIN = Path(sys.executable).parent


def openapi_document() -> dict:
    """The app's OpenAPI document, as ``GET /openapi.json`` serves it."""
    sys.path.insert(0, str(PROJECT_ROOT))
    # Only the document is read: a throwaway secret, a database never connected to.
    os.environ.setdefault("CALAPP_ENV", "testing")
    os.environ.setdefault("JWT_SECRET_KEY", secrets.token_urlsafe(48))
    from calapp import create_app

    app = create_app(
        {
            "DATABASE_URL": "postgresql+psycopg2://calapp@127.0.0.1:5432/calapp",
            "RATELIMIT_ENABLED": False,
        }
    )
    return app.test_client().get("/openapi.json").get_json()


def generate(into: Path) -> Path:
    """Write the package into ``into``/calapp-client; return that folder."""
    document = into / "openapi.json"
    document.write_text(json.dumps(openapi_document(), indent=2, sort_keys=True))
    target = into / "calapp-client"
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run(  # noqa: S603 - fixed arguments, our own tool
        [
            str(BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(document),
            "--config",
            str(CONFIG),
            "--meta",
            "setup",
            "--output-path",
            str(target),
            "--fail-on-warning",
        ],  # fmt: skip
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    return target


def _files(root: Path) -> set[Path]:
    return {
        path.relative_to(root)
        for path in root.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and path != root / CONFIG.name
    }


def stale_files(fresh: Path, committed: Path) -> list[str]:
    """The files that differ between the two trees (config.yaml aside)."""
    new, old = _files(fresh), _files(committed)
    changed = {
        path
        for path in new & old
        if not filecmp.cmp(fresh / path, committed / path, shallow=False)
    }
    return sorted(str(path) for path in (new ^ old) | changed)


def replace(fresh: Path, committed: Path) -> None:
    """Make ``committed`` hold exactly the generated files, and its config."""
    for path in committed.iterdir():
        if path != committed / CONFIG.name:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    for path in fresh.iterdir():
        if path.is_dir():
            shutil.copytree(path, committed / path.name)
        else:
            shutil.copy2(path, committed / path.name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="only compare: exit 1 and list the files when clients/python is stale",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="calapp-sdk-") as tmp:
        fresh = generate(Path(tmp))
        stale = stale_files(fresh, OUTPUT)
        if args.check:
            if stale:
                print(
                    "clients/python is stale; run `make sdk`. Differing files:\n  "
                    + "\n  ".join(stale),
                    file=sys.stderr,
                )
                return 1
            print("clients/python is up to date")
            return 0
        replace(fresh, OUTPUT)
    print(f"clients/python regenerated ({len(stale)} files changed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
