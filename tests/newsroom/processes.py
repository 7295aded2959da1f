"""A fresh Python process with the project's settings, for what only a new process shows:
settings read from the environment, metrics shared across processes, error reports sent at
exit."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_django(code: str, *, env: dict, timeout: float = 90) -> subprocess.CompletedProcess:
    """Run `code` with `env` (and newsroom.settings) from the project's folder; its output is
    captured as text."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
