"""The Nu Html Checker (the W3C validator) for tests: the errors it finds in pages."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Installed by `make test` (Makefile: VNU); another copy can be named in VNU_JAR.
VNU = Path(os.environ.get("VNU_JAR", ROOT / ".venv/node/node_modules/vnu-jar/build/dist/vnu.jar"))


def html_errors(pages: dict[str, str], folder: Path) -> list[str]:
    """The validator's errors in `pages` ({name: html}), as "name.html:line: message"."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("The HTML validator needs Java: `apt-get install default-jre-headless`.")
    if not VNU.exists():
        pytest.fail(
            f"No Nu Html Checker at {VNU}: run `make test` (it installs it) or set VNU_JAR."
        )
    files = []
    for name, html in pages.items():
        path = folder / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
