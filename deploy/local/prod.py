"""`make prod`: the production topology on this machine, from the files in deploy/.

    nginx :8080 → Varnish :6081 → gunicorn :8001, :8002 (3 workers each, DEBUG off)
                                 → PostgreSQL :5433 (+ streaming replica :5434), Redis :6390
    + run_jobs (publish_scheduled, flush_ad_counts, deliver_webhooks every minute)
    + webhooks_worker (the RQ worker sending webhook deliveries)

    python deploy/local/prod.py up                 # start what is not running (idempotent)
    python deploy/local/prod.py down               # stop everything, keep the data
    python deploy/local/prod.py clean              # stop everything and delete .prod/
    python deploy/local/prod.py stop|start|restart COMPONENT
    python deploy/local/prod.py status             # JSON: each component's pid, port, up

Components: redis, primary, replica, gunicorn1, gunicorn2, varnish, nginx, jobs, webhooks.
Everything lives in .prod/ (git-ignored): the generated SECRET_KEY, the clusters, Redis' data,
uploads, collected static files, rendered configurations, pid files and logs (.prod/log/). It never
touches the machine's own PostgreSQL (5432) or Redis (6379). Ports come from the environment
(PROD_HTTP_PORT, PROD_VARNISH_PORT, PROD_VARNISH_ADMIN_PORT, PROD_APP1_PORT, PROD_APP2_PORT,
PROD_REDIS_PORT, PROD_PG_PORT, PROD_PG_REPLICA_PORT; PROD_DIR for the folder).

The nginx site and the Varnish VCL are deploy/'s own files with only paths and ports replaced
(render_nginx, render_vcl), and gunicorn reads deploy/gunicorn.conf.py: what runs here is what
deploy/ documents for a real server. The test suite starts the same Stack
(tests/newsroom/test_production.py) on its own database and Redis.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

BASE = Path(__file__).resolve().parents[2]
DEPLOY = BASE / "deploy"
sys.path.insert(0, str(DEPLOY))

from wait_ready import wait_ready  # noqa: E402  (deploy/ is not a package)

PYTHON = BASE / ".venv" / "bin" / "python"
GUNICORN = BASE / ".venv" / "bin" / "gunicorn"
PGCLUSTER = DEPLOY / "local" / "pgcluster.py"
COMPONENTS = (
    "redis",
    "primary",
    "replica",
    "gunicorn1",
    "gunicorn2",
    "varnish",
    "nginx",
    "jobs",
    "webhooks",
)
# Started in this order, stopped in the reverse one.
START_ORDER = COMPONENTS
DATABASE_NAME = "newsroom"


def _port(name, default):
    return int(os.environ.get(name) or default)


def secret_key(path: Path) -> str:
    """The SECRET_KEY kept in `path`, made (readable by its owner only) the first time: sessions
    and password-reset links outlive a restart, and the key is never in a file of the repo."""
    if path.exists():
        key = path.read_text().strip()
        if key:
            return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    # Created with its final mode: the key is never readable by others, not even for a moment.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(key + "\n")
    os.chmod(path, 0o600)
    return key


def port_open(port: int, host: str = "127.0.0.1", timeout: float = 0.5) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=timeout):
        return True
    return False


def pid_alive(pid: int | None) -> bool:
    """Whether `pid` runs (a zombie does not: a child of this process that exited)."""
    if not pid:
        return False
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in {"Z", "X"}


def killpg(pid: int, signum: int) -> None:
    """`signum` to the process group `pid` leads, if it is still there."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signum)


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def status_of(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (OSError, urllib.error.URLError):
        return None


def answers(base_url: str) -> bool:
    """/readyz says 200 (ready, or "degraded": an optional part is down). An app without
    /readyz (older than it) is ready when /healthz answers."""
    status = status_of(base_url + "/readyz")
    return status == 200 or (status == 404 and status_of(base_url + "/healthz") == 200)


def pgcluster(folder: Path, *arguments, check: bool = True) -> None:
    """deploy/local/pgcluster.py on the clusters in `folder` (.prod/pg)."""
    subprocess.run(
        [str(PYTHON), str(PGCLUSTER), *arguments, "--dir", str(folder)], cwd=BASE, check=check
    )


class RenderError(RuntimeError):
    """deploy/'s file no longer has what prod.py replaces: update both together."""


def replace_all(text: str, replacements: dict[str, str], source: str) -> str:
    for old, new in replacements.items():
        if old not in text:
            raise RenderError(f"{source}: expected {old!r} (deploy/local/prod.py renders it)")
        text = text.replace(old, new)
    return text


@dataclass
class Config:
    root: Path
    http_port: int = 8080
    varnish_port: int = 6081
    varnish_admin_port: int = 6082
    app_ports: tuple[int, int] = (8001, 8002)
    redis_port: int = 6390
    pg_port: int = 5433
    pg_replica_port: int = 5434
    workers: int = 3
    # Given: use this database / Redis (the tests); None: run our own clusters and redis-server.
    database_url: str | None = None
    replica_urls: str | None = None
    redis_url: str | None = None
    extra_env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls) -> Config:
        return cls(
            root=Path(os.environ.get("PROD_DIR") or BASE / ".prod").resolve(),
            http_port=_port("PROD_HTTP_PORT", 8080),
            varnish_port=_port("PROD_VARNISH_PORT", 6081),
            varnish_admin_port=_port("PROD_VARNISH_ADMIN_PORT", 6082),
            app_ports=(_port("PROD_APP1_PORT", 8001), _port("PROD_APP2_PORT", 8002)),
            redis_port=_port("PROD_REDIS_PORT", 6390),
            pg_port=_port("PROD_PG_PORT", 5433),
            pg_replica_port=_port("PROD_PG_REPLICA_PORT", 5434),
            workers=_port("PROD_WORKERS", 3),
        )

    @property
    def own_database(self) -> bool:
        return self.database_url is None

    @property
    def own_redis(self) -> bool:
        return self.redis_url is None

    @property
    def log_dir(self) -> Path:
        return self.root / "log"

    @property
    def run_dir(self) -> Path:
        return self.root / "run"

    @property
    def static_root(self) -> Path:
        return self.root / "staticfiles"

    @property
    def media_root(self) -> Path:
        return self.root / "media"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def app_env(self) -> dict[str, str]:
        """The settings every app process gets: what /etc/newsroom/env holds on a server."""
        database = self.database_url or (
            f"postgres://root@127.0.0.1:{self.pg_port}/{DATABASE_NAME}"
        )
        replicas = self.replica_urls
        if replicas is None and self.own_database:
            replicas = f"postgres://root@127.0.0.1:{self.pg_replica_port}/{DATABASE_NAME}"
        origins = [f"http://{host}:{self.http_port}" for host in ("127.0.0.1", "localhost")]
        env = {
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "PYTHONUNBUFFERED": "1",
            "DEBUG": "0",
            "SECRET_KEY": secret_key(self.root / "secret_key"),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": ",".join(origins),
            "DATABASE_URL": database,
            "DATABASE_REPLICA_URLS": replicas or "",
            "REDIS_URL": self.redis_url or f"redis://127.0.0.1:{self.redis_port}/0",
            "CACHE_PROXIES": f"http://127.0.0.1:{self.varnish_port}",
            "BEHIND_PROXY": "1",
            "TRUSTED_PROXIES": "2",
            # Plain HTTP on this machine: the HTTPS-only defaults would lock everyone out
            # (README "Running in production" says how TLS is turned on).
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "SECURE_HSTS_SECONDS": "0",
            "STATIC_ROOT": str(self.static_root),
            "STATIC_MANIFEST": "1",
            "MEDIA_ROOT": str(self.media_root),
            "LOG_FORMAT": "json",
        }
        env.update(self.extra_env)
        return env


class Component:
    name = ""
    port: int | None = None

    def __init__(self, stack: Stack):
        self.stack = stack
        self.config = stack.config

    def pid(self) -> int | None:
        raise NotImplementedError

    def up(self) -> bool:
        return pid_alive(self.pid()) and (self.port is None or port_open(self.port))

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def restart(self) -> None:
        self.stop()
        self.start()

    def kill(self) -> None:
        self.stop()

    def status(self) -> dict:
        pid = self.pid()
        return {"pid": pid if pid_alive(pid) else None, "port": self.port, "up": self.up()}


class Daemon(Component):
    """A process this script starts in the foreground of its own session, remembered by its
    pid file, logged to .prod/log/<name>.log, and stopped with SIGTERM to its whole process
    group (then SIGKILL after `stop_timeout` seconds)."""

    stop_timeout = 15.0
    start_timeout = 60.0

    def command(self) -> list[str]:
        raise NotImplementedError

    def env(self) -> dict[str, str]:
        return dict(os.environ)

    def marker(self) -> str:
        """Something in the process's command line: a reused pid is not taken for ours."""
        return str(self.port)

    @property
    def pid_file(self) -> Path:
        return self.config.run_dir / f"{self.name}.pid"

    @property
    def log_file(self) -> Path:
        return self.config.log_dir / f"{self.name}.log"

    def pid(self) -> int | None:
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        if pid_alive(pid) and self.marker() in cmdline(pid):
            return pid
        return None

    def prepare(self) -> None:
        """Whatever must exist before the process starts."""

    def ready(self) -> bool:
        return self.up()

    def start(self) -> None:
        if self.pid():
            return
        self.prepare()
        self.config.log_dir.mkdir(parents=True, exist_ok=True)
        self.config.run_dir.mkdir(parents=True, exist_ok=True)
        with open(self.log_file, "ab") as log:
            process = subprocess.Popen(
                self.command(),
                cwd=BASE,
                env=self.env(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own process group: stopping it reaches its children (gunicorn's workers,
                # Varnish's child), and Ctrl-C in this terminal does not.
                start_new_session=True,
            )
        self.pid_file.write_text(f"{process.pid}\n")
        self.stack.children[self.name] = process
        deadline = time.monotonic() + self.start_timeout
        while not self.ready():
            if process.poll() is not None:
                raise RuntimeError(f"{self.name} exited at start: see {self.log_file}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name} did not start in time: see {self.log_file}")
            time.sleep(0.2)

    def signal(self, signum: int) -> None:
        pid = self.pid()
        if pid:
            killpg(pid, signum)

    def kill(self) -> None:
        """A crash: SIGKILL to the whole group, no goodbye."""
        pid = self.pid()
        self.signal(signal.SIGKILL)
        if pid:
            self._wait_gone(pid, 10)

    def stop(self) -> None:
        pid = self.pid()
        if not pid:
            self.pid_file.unlink(missing_ok=True)
            return
        self.signal(signal.SIGTERM)
        if not self._wait_gone(pid, self.stop_timeout):
            killpg(pid, signal.SIGKILL)
            self._wait_gone(pid, 10)
        self.pid_file.unlink(missing_ok=True)

    def _wait_gone(self, pid, timeout) -> bool:
        deadline = time.monotonic() + timeout
        while pid_alive(pid):
            if time.monotonic() > deadline:
                return False
            time.sleep(0.1)
        # What is left of the group (a worker that outlived its master) goes with it.
        killpg(pid, signal.SIGKILL)
        process = self.stack.children.pop(self.name, None)
        if process is not None:
            with contextlib.suppress(Exception):
                process.wait(1)
        return True


class Redis(Daemon):
    name = "redis"

    @property
    def port(self):
        return self.config.redis_port

    def prepare(self):
        (self.config.root / "redis").mkdir(parents=True, exist_ok=True)

    def command(self):
        return [
            shutil.which("redis-server") or "redis-server",
            "--bind",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--dir",
            str(self.config.root / "redis"),
            # Ad counts wait here for their minute's flush: an append-only file keeps them
            # across a restart.
            "--appendonly",
            "yes",
            "--appendfsync",
            "everysec",
            "--save",
            "",
            "--daemonize",
            "no",
        ]


class Gunicorn(Daemon):
    stop_timeout = 30.0  # graceful_timeout in deploy/gunicorn.conf.py is 20

    def __init__(self, stack, index):
        super().__init__(stack)
        self.index = index
        self.name = f"gunicorn{index + 1}"

    @property
    def port(self):
        return self.config.app_ports[self.index]

    @property
    def metrics_dir(self) -> Path:
        return self.config.root / "metrics" / self.name

    def prepare(self):
        # Prometheus' files of a previous run would be summed into this one's.
        shutil.rmtree(self.metrics_dir, ignore_errors=True)
        self.metrics_dir.mkdir(parents=True)

    def marker(self):
        return f"127.0.0.1:{self.port}"

    def env(self):
        return {
            **os.environ,
            **self.stack.app_env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(self.config.workers),
            "PROMETHEUS_MULTIPROC_DIR": str(self.metrics_dir),
        }

    def command(self):
        return [
            str(GUNICORN),
            "-c",
            str(DEPLOY / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{self.port}",
        ]

    def ready(self):
        # What the systemd unit's ExecStartPost waits for (/readyz: the database answers).
        return pid_alive(self.pid()) and answers(f"http://127.0.0.1:{self.port}")


class Varnish(Daemon):
    name = "varnish"

    @property
    def port(self):
        return self.config.varnish_port

    @property
    def folder(self) -> Path:
        return self.config.root / "varnish"

    def marker(self):
        return f"-a 127.0.0.1:{self.port}"

    def prepare(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "default.vcl").write_text(render_vcl(self.config))

    def command(self):
        return [
            shutil.which("varnishd") or "varnishd",
            "-F",
            "-j",
            "none",
            "-n",
            str(self.folder / "n"),
            "-a",
            f"127.0.0.1:{self.port}",
            "-T",
            f"127.0.0.1:{self.config.varnish_admin_port}",
            "-f",
            str(self.folder / "default.vcl"),
            # The rendered default.vcl first; newsroom.vcl from deploy/varnish/.
            "-p",
            f"vcl_path={self.folder}:{DEPLOY / 'varnish'}",
            "-p",
            "http_resp_hdr_len=32k",
            "-p",
            "http_resp_size=64k",
            "-s",
            "malloc,256m",
        ]

    def admin(self, *command) -> str:
        return subprocess.run(
            ["varnishadm", "-n", str(self.folder / "n"), *command],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def healthy_backends(self) -> set[str]:
        """The app servers Varnish's probe has in rotation ("app1", "app2")."""
        with contextlib.suppress(subprocess.CalledProcessError, OSError):
            listing = self.admin("backend.list")
            return set(re.findall(r"^\S*?\.?(app\d+)\s.*\shealthy\s", listing, re.MULTILINE))
        return set()


class Nginx(Daemon):
    name = "nginx"
    stop_timeout = 10.0

    @property
    def port(self):
        return self.config.http_port

    @property
    def folder(self) -> Path:
        return self.config.root / "nginx"

    def marker(self):
        return str(self.folder)

    def prepare(self):
        for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.folder / "tmp" / temp).mkdir(parents=True, exist_ok=True)
        for name, text in render_nginx(self.config).items():
            (self.folder / name).write_text(text)

    def command(self):
        return [
            shutil.which("nginx") or "/usr/sbin/nginx",
            "-p",
            f"{self.folder}/",
            "-c",
            str(self.folder / "nginx.conf"),
            "-e",
            str(self.config.log_dir / "nginx-error.log"),
        ]


class Jobs(Daemon):
    name = "jobs"
    stop_timeout = 60.0  # SIGTERM lets the current run finish

    def marker(self):
        return "run_jobs"

    def env(self):
        return {**os.environ, **self.stack.app_env}

    def command(self):
        return [str(PYTHON), "manage.py", "run_jobs"]

    def ready(self):
        return pid_alive(self.pid())


class Webhooks(Jobs):
    """The webhook worker (RQ on the stack's Redis), like deploy/systemd's unit."""

    name = "webhooks"
    stop_timeout = 30.0  # SIGTERM lets the attempt in progress finish

    def marker(self):
        return "webhooks_worker"

    def command(self):
        return [str(PYTHON), "manage.py", "webhooks_worker"]


class Postgres(Component):
    """One of the two clusters of deploy/local/pgcluster.py (primary, or its replica)."""

    def __init__(self, stack, role):
        super().__init__(stack)
        self.name = role

    @property
    def port(self):
        return self.config.pg_port if self.name == "primary" else self.config.pg_replica_port

    @property
    def folder(self) -> Path:
        return self.config.root / "pg"

    def pgcluster(self, *arguments):
        pgcluster(self.folder, *arguments)

    def pid(self):
        # postmaster.pid: the pid on its first line, the port on its fourth.
        for found in self.folder.glob("**/postmaster.pid"):
            with contextlib.suppress(OSError, ValueError, IndexError):
                lines = found.read_text().splitlines()
                if int(lines[3]) == self.port:
                    return int(lines[0])
        return None

    def up(self):
        return port_open(self.port)

    def start(self):
        self.pgcluster("start", "--only", self.name)

    def stop(self):
        self.pgcluster("stop", "--only", self.name)

    def restart(self):
        if self.name == "primary":
            self.pgcluster("restart", "--only", "primary")
        else:
            super().restart()


class Stack:
    def __init__(self, config: Config):
        self.config = config
        self.children: dict[str, subprocess.Popen] = {}
        parts: list[Component] = []
        if config.own_redis:
            parts.append(Redis(self))
        if config.own_database:
            parts += [Postgres(self, "primary"), Postgres(self, "replica")]
        parts += [Gunicorn(self, 0), Gunicorn(self, 1), Varnish(self), Nginx(self), Jobs(self)]
        parts.append(Webhooks(self))
        self.components = {part.name: part for part in parts}
        self._app_env = None

    @property
    def app_env(self) -> dict[str, str]:
        if self._app_env is None:
            self._app_env = self.config.app_env()
        return self._app_env

    def __getitem__(self, name) -> Component:
        try:
            return self.components[name]
        except KeyError:
            raise SystemExit(
                f"Unknown component {name!r}: one of {', '.join(self.components)}"
            ) from None

    def manage(self, *arguments, capture=False) -> str:
        result = subprocess.run(
            [str(PYTHON), "manage.py", *arguments],
            cwd=BASE,
            env={**os.environ, **self.app_env},
            check=True,
            text=True,
            capture_output=capture,
        )
        return result.stdout or ""

    def database(self) -> None:
        """Our clusters, and the newsroom database in them (the replica follows)."""
        if not PGCLUSTER.exists():
            raise SystemExit(f"{PGCLUSTER} is missing: it makes the PostgreSQL clusters")
        pgcluster(
            self.config.root / "pg",
            "up",
            "--port",
            str(self.config.pg_port),
            "--replica-port",
            str(self.config.pg_replica_port),
        )
        import psycopg

        with psycopg.connect(
            host="127.0.0.1",
            port=self.config.pg_port,
            user="root",
            dbname="postgres",
            autocommit=True,
        ) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
            ).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{DATABASE_NAME}"')

    def up(self, *, seed=True, jobs=True, migrate=True, collectstatic=True) -> None:
        started = time.monotonic()
        self.config.root.mkdir(parents=True, exist_ok=True)
        for folder in (self.config.log_dir, self.config.run_dir, self.config.media_root):
            folder.mkdir(parents=True, exist_ok=True)
        if self.config.own_redis:
            self["redis"].start()
        if self.config.own_database:
            self.database()
        # Varnish first: the purges that migrating and seeding send find it.
        self["varnish"].start()
        if migrate:
            self.manage("migrate", "--noinput", "-v", "0")
        if collectstatic:
            self.manage("collectstatic", "--noinput", "-v", "0")
        if seed:
            self.manage("seed_demo")
        for name in ("gunicorn1", "gunicorn2", "nginx"):
            self[name].start()
        if jobs:
            self["jobs"].start()
            self["webhooks"].start()
        deadline = time.monotonic() + 60
        # Up means served: Varnish's probe has seen the app servers answer (until then it
        # counts the refusals of their start against them, and sends readers nowhere).
        while not (
            wait_ready(self.config.url + "/", 0)
            and answers(self.config.url)
            and len(self["varnish"].healthy_backends()) == len(self.config.app_ports)
        ):
            if time.monotonic() > deadline:
                raise SystemExit(f"{self.config.url}/ does not answer: see {self.config.log_dir}")
            time.sleep(0.5)
        self.elapsed = time.monotonic() - started

    def down(self) -> None:
        # Everything that serves at once (each finishes what it is doing), then Redis, then
        # the clusters (pgcluster.py stops the replica first).
        serving = [
            self.components[name]
            for name in reversed(START_ORDER)
            if name in self.components and name not in {"redis", "primary", "replica"}
        ]
        for part in serving:
            part.signal(signal.SIGTERM)
        for part in serving:
            part.stop()
        if "redis" in self.components:
            self.components["redis"].stop()
        if self.config.own_database and (self.config.root / "pg").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                pgcluster(self.config.root / "pg", "stop")

    def status(self) -> dict:
        return {name: part.status() for name, part in self.components.items()}

    def summary(self) -> str:
        c = self.config
        lines = [
            "",
            f"  Newsroom (production setup): {c.url}/   (Русский: /ru/, English: /en/)",
            f"  Admin:   {c.url}/admin/  (users and passwords: printed by seed_demo above,",
            "           on the first run only; reset: .venv/bin/python manage.py changepassword)",
            "",
            f"  nginx    127.0.0.1:{c.http_port}  static {c.static_root}, media {c.media_root}",
            f"  Varnish  127.0.0.1:{c.varnish_port}  (varnishadm -n {c.root}/varnish/n)",
            f"  gunicorn 127.0.0.1:{c.app_ports[0]}, 127.0.0.1:{c.app_ports[1]}  "
            f"({c.workers} workers each, DEBUG off)",
        ]
        if c.own_database:
            lines.append(
                f"  PostgreSQL 127.0.0.1:{c.pg_port} (replica 127.0.0.1:{c.pg_replica_port}),"
                f" database {DATABASE_NAME}, user root"
            )
        if c.own_redis:
            lines.append(f"  Redis    127.0.0.1:{c.redis_port}")
        lines += [
            "  Jobs     run_jobs: publish_scheduled + flush_ad_counts + deliver_webhooks every "
            "minute; webhooks_worker sends webhooks",
            f"  Logs     {c.log_dir}/   SECRET_KEY in {c.root / 'secret_key'}",
            "  Stop:    make prod-stop    (data is kept for the next `make prod`)",
            "",
        ]
        return "\n".join(lines)


def render_vcl(config: Config) -> str:
    """deploy/varnish/default.vcl with this machine's gunicorn ports."""
    source = DEPLOY / "varnish" / "default.vcl"
    return replace_all(
        source.read_text(),
        {
            '.port = "8001";': f'.port = "{config.app_ports[0]}";',
            '.port = "8002";': f'.port = "{config.app_ports[1]}";',
        },
        str(source),
    )


def render_nginx(config: Config) -> dict[str, str]:
    """deploy/nginx/'s site with local paths and ports, and a main nginx.conf that keeps its
    pid, logs and temporary files in .prod/ (not Debian's default site, nor /var/log)."""
    folder = config.root / "nginx"
    logs = config.log_dir
    site_paths = {
        "/etc/nginx/snippets/newsroom-locations.conf": str(folder / "newsroom-locations.conf"),
        "/etc/nginx/snippets/newsroom-proxy.conf": str(folder / "newsroom-proxy.conf"),
    }
    site = replace_all(
        (DEPLOY / "nginx" / "newsroom.conf").read_text(),
        {
            **{k: v for k, v in site_paths.items() if "locations" in k},
            "    listen 80;\n    listen [::]:80;\n": f"    listen 127.0.0.1:{config.http_port};\n",
            "server 127.0.0.1:6081;": f"server 127.0.0.1:{config.varnish_port};",
        },
        "deploy/nginx/newsroom.conf",
    )
    locations = replace_all(
        (DEPLOY / "nginx" / "newsroom-locations.conf").read_text(),
        {
            **{k: v for k, v in site_paths.items() if "proxy" in k},
            "/srv/newsroom/staticfiles/": f"{config.static_root}/",
            "/srv/newsroom/media/": f"{config.media_root}/",
            "/var/log/nginx/newsroom.access.log": str(logs / "nginx-access.log"),
            "/var/log/nginx/newsroom.error.log": str(logs / "nginx-error.log"),
        },
        "deploy/nginx/newsroom-locations.conf",
    )
    proxy = (DEPLOY / "nginx" / "newsroom-proxy.conf").read_text()
    temp = folder / "tmp"
    main = f"""# Rendered by deploy/local/prod.py: edit deploy/nginx/ instead.
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 2;
daemon off;
pid {config.run_dir / "nginx.pid"};
error_log {logs / "nginx-error.log"};
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    server_tokens off;
    access_log off;
    client_body_temp_path {temp / "body"};
    proxy_temp_path {temp / "proxy"};
    fastcgi_temp_path {temp / "fastcgi"};
    uwsgi_temp_path {temp / "uwsgi"};
    scgi_temp_path {temp / "scgi"};
    include {folder / "newsroom.conf"};
}}
"""
    return {
        "nginx.conf": main,
        "newsroom.conf": site,
        "newsroom-locations.conf": locations,
        "newsroom-proxy.conf": proxy,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="The production topology on this machine.")
    parser.add_argument(
        "action", choices=["up", "down", "clean", "status", "stop", "start", "restart", "kill"]
    )
    parser.add_argument("component", nargs="?", choices=COMPONENTS)
    args = parser.parse_args(argv)
    stack = Stack(Config.from_env())
    if args.action == "up":
        stack.up()
        print(stack.summary())
        print(f"  Up in {stack.elapsed:.0f} s.")
    elif args.action == "status":
        print(json.dumps(stack.status(), indent=2))
    elif args.action in {"down", "stop"} and args.component is None:
        stack.down()
        print("Stopped; the data is kept in", stack.config.root)
    elif args.action == "clean":
        stack.down()
        if PGCLUSTER.exists() and (stack.config.root / "pg").exists():
            pgcluster(stack.config.root / "pg", "down", check=False)
        shutil.rmtree(stack.config.root, ignore_errors=True)
        print("Deleted", stack.config.root)
    else:
        if args.component is None:
            parser.error(f"{args.action} needs a component: {', '.join(COMPONENTS)}")
        component = stack[args.component]
        getattr(component, args.action)()
        print(json.dumps({args.component: component.status()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
