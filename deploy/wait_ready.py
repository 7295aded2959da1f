"""Wait until a URL answers 200 (a gunicorn server's /readyz), or fail after --timeout seconds.

    python deploy/wait_ready.py http://127.0.0.1:8001/readyz --timeout 60

The gunicorn unit's ExecStartPost (deploy/systemd/), and `make prod` (deploy/local/prod.py).
Standard library only: it runs before, and without, the app.
"""

import argparse
import sys
import time
import urllib.error
import urllib.request


def wait_ready(url: str, timeout: float = 60, *, headers=None) -> bool:
    deadline = time.monotonic() + timeout
    while True:
        try:
            request = urllib.request.Request(url, headers=headers or {})
            with urllib.request.urlopen(request, timeout=5) as response:
                if response.status == 200:
                    return True
        except (OSError, urllib.error.URLError):
            pass
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.5)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args(argv)
    if wait_ready(args.url, args.timeout):
        return 0
    print(f"{args.url} did not answer 200 within {args.timeout:g} s", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
