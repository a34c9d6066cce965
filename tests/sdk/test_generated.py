"""The committed SDK (clients/python) is what the generator makes of today's API."""

import subprocess
import sys

from tests.servers import PROJECT_ROOT


def test_the_committed_client_matches_the_openapi_document():
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, "clients/generate.py", "--check"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr + result.stdout
