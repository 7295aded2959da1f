#!/usr/bin/env python3
"""Throw-away PostgreSQL clusters (a primary and a streaming replica) for tests and local runs.

Standard library only, so it runs before the virtualenv exists; importable by tests too.

    python deploy/local/pgcluster.py up --dir DIR --port P [--replica-port R] [--fast]
    python deploy/local/pgcluster.py stop    --dir DIR [--only primary|replica]
    python deploy/local/pgcluster.py start   --dir DIR [--only primary|replica]
    python deploy/local/pgcluster.py restart --dir DIR --only primary
    python deploy/local/pgcluster.py down    --dir DIR
    python deploy/local/pgcluster.py status  --dir DIR

The primary lives in DIR/primary on 127.0.0.1:P, the replica (made by pg_basebackup -R) in
DIR/replica on 127.0.0.1:R; logs are DIR/primary.log and DIR/replica.log. Both trust every
connection from 127.0.0.1 (replication included) and have a `root` superuser, so
postgres://root@127.0.0.1:P/postgres works. Nothing here touches any other cluster.

Debian's server binaries refuse to run as root, so when started as root they run as the
`postgres` OS user and DIR is handed to that user.
"""

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import time

DEFAULT_BINDIR = "/usr/lib/postgresql/15/bin"
NODES = ("primary", "replica")
STATE_FILE = "pgcluster.json"
# Generous: the test machine is shared and loaded; a start normally takes well under a second.
WAIT_SECONDS = 60
RUN_AS = "postgres"


class ClusterError(Exception):
    """A clear, user-facing failure (missing binary, unreachable directory, start failure)."""


# --- Binaries and users -----------------------------------------------------------------------


def bindir():
    """Where initdb/pg_ctl/pg_basebackup live: PG_BINDIR, Debian's 15, another Debian version."""
    if os.environ.get("PG_BINDIR"):
        if not os.path.isfile(os.path.join(os.environ["PG_BINDIR"], "pg_ctl")):
            raise ClusterError(f"PG_BINDIR={os.environ['PG_BINDIR']} holds no pg_ctl.")
        return os.environ["PG_BINDIR"]
    candidates = [DEFAULT_BINDIR]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for candidate in candidates:
        if candidate and os.path.isfile(os.path.join(candidate, "pg_ctl")):
            return candidate
    found = shutil.which("pg_ctl")
    if found:
        return os.path.dirname(found)
    raise ClusterError(
        "PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) not found in "
        f"{DEFAULT_BINDIR} or PATH. Install them with `apt-get install postgresql` "
        "(or set PG_BINDIR to the directory that holds pg_ctl)."
    )


def binary(name):
    path = os.path.join(bindir(), name)
    if not os.path.isfile(path):
        raise ClusterError(f"{path} is missing. Install it with `apt-get install postgresql`.")
    return path


def _as_root():
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _user_kwargs():
    """Run server binaries as `postgres` when we are root (they refuse to run as root)."""
    if not _as_root():
        return {}
    import pwd

    try:
        pw = pwd.getpwnam(RUN_AS)
    except KeyError:
        raise ClusterError(
            f"Running as root, but there is no `{RUN_AS}` OS user to run PostgreSQL as. "
            "Install `postgresql` (it creates the user) or run this tool as a normal user."
        ) from None
    return {"user": pw.pw_uid, "group": pw.pw_gid, "extra_groups": []}


def run(args, cwd, check=True, timeout=WAIT_SECONDS * 2):
    """Run a PostgreSQL binary (as `postgres` if we are root) and return the CompletedProcess."""
    env = dict(os.environ, LC_ALL="C", LANG="C")
    env.pop("PGDATA", None)
    if _as_root():
        env["HOME"] = cwd
    result = subprocess.run(
        args,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        **_user_kwargs(),
    )
    if check and result.returncode != 0:
        raise ClusterError(
            f"{' '.join(args)} failed (exit {result.returncode}):\n"
            f"{result.stdout}{result.stderr}".rstrip()
        )
    return result


# --- State ----------------------------------------------------------------------------------


def _abs(directory):
    return os.path.abspath(directory)


def _state(directory):
    try:
        with open(os.path.join(directory, STATE_FILE)) as fh:
            return json.load(fh)
    except FileNotFoundError:
        return {}


def _save_state(directory, state):
    with open(os.path.join(directory, STATE_FILE), "w") as fh:
        json.dump(state, fh)


def _datadir(directory, node):
    return os.path.join(directory, node)


def _exists(directory, node):
    return os.path.isfile(os.path.join(_datadir(directory, node), "PG_VERSION"))


def _prepare_dir(directory):
    """Create DIR, give it to `postgres`, and check that user can really reach it."""
    os.makedirs(directory, exist_ok=True)
    kwargs = _user_kwargs()
    if kwargs:
        os.chown(directory, kwargs["user"], kwargs["group"])
        probe = run(["test", "-w", directory, "-a", "-x", directory], cwd="/", check=False)
        if probe.returncode != 0:
            raise ClusterError(
                f"The `{RUN_AS}` OS user cannot reach {directory} (a parent directory is not "
                "searchable by it?). Use a directory under /tmp or /var/tmp."
            )


# --- Operations -----------------------------------------------------------------------------


def _write_conf(datadir, port, fast, replica=False):
    lines = [
        "",
        "# Written by deploy/local/pgcluster.py",
        "listen_addresses = '127.0.0.1'",
        f"port = {port}",
        # Sockets next to the data, not in /var/run/postgresql (the main cluster's place).
        f"unix_socket_directories = '{datadir}'",
        "max_connections = 60",
        "shared_buffers = 16MB",
        "wal_level = replica",
        "max_wal_senders = 5",
        "hot_standby = on",
        # Replies on a lagging replica should not be cancelled by replay in tests; production
        # tuning is the operator's.
        "hot_standby_feedback = on",
        "wal_receiver_status_interval = 1s",
        "logging_collector = off",
    ]
    if fast:
        # Throw-away test clusters only: never for data you keep (`make prod` must not pass it).
        lines += ["fsync = off", "synchronous_commit = off", "full_page_writes = off"]
    with open(os.path.join(datadir, "postgresql.conf"), "a") as fh:
        fh.write("\n".join(lines) + "\n")


def _write_hba(datadir):
    with open(os.path.join(datadir, "pg_hba.conf"), "w") as fh:
        fh.write(
            "# Written by deploy/local/pgcluster.py: throw-away cluster, trust on loopback only.\n"
            "local all all trust\n"
            "local replication all trust\n"
            "host all all 127.0.0.1/32 trust\n"
            "host replication all 127.0.0.1/32 trust\n"
        )


def _running(directory, node):
    if not _exists(directory, node):
        return False
    return _pg_ctl(directory, node, "status", check=False).returncode == 0


def _client(port):
    """How psql and pg_basebackup reach a node: loopback, as the `root` superuser."""
    return ["-h", "127.0.0.1", "-p", str(port), "-U", "root"]


def _pg_ctl(directory, node, action, *options, check=True):
    return run(
        [binary("pg_ctl"), action, "-D", _datadir(directory, node), *options],
        cwd=directory,
        check=check,
    )


def _psql(port, sql, timeout=10):
    return run(
        [binary("psql"), "-X", "-At", *_client(port), "-d", "postgres", "-c", sql],
        cwd="/",
        check=False,
        timeout=timeout,
    )


def _wait_ready(directory, node, port, deadline):
    """Until the node answers queries (and, for the replica, is in recovery)."""
    expected = "t" if node == "replica" else "f"
    last = ""
    while time.monotonic() < deadline:
        result = _psql(port, "SELECT pg_is_in_recovery()")
        last = (result.stdout + result.stderr).strip()
        if result.returncode == 0 and last == expected:
            return
        if not _running(directory, node):
            break
        time.sleep(0.1)
    raise ClusterError(f"{node} on port {port} is not ready ({last}); see {directory}/{node}.log")


def _start(directory, node):
    state = _state(directory)
    port = state.get(f"{node}_port")
    if not _exists(directory, node) or port is None:
        raise ClusterError(f"There is no {node} in {directory}; create it with `up`.")
    log = os.path.join(directory, f"{node}.log")
    try:
        if not _running(directory, node):
            _pg_ctl(directory, node, "start", "-w", "-t", str(WAIT_SECONDS), "-l", log)
        _wait_ready(directory, node, port, time.monotonic() + WAIT_SECONDS)
    except ClusterError as error:
        # The reason is in the server's log, which `down` may delete next: say it here.
        raise ClusterError(f"{error}\n--- last lines of {log}:\n{_tail(log)}") from None


def _tail(path, lines=15):
    try:
        with open(path, errors="replace") as fh:
            return "".join(fh.readlines()[-lines:])
    except OSError as error:
        return str(error)


def _stop(directory, node, mode="fast"):
    if _running(directory, node):
        _pg_ctl(directory, node, "stop", "-w", "-m", mode, "-t", str(WAIT_SECONDS))


def _create(directory, node, command, fast):
    """A node's data folder made anew by `command` (initdb, pg_basebackup), which takes -D."""
    datadir = _datadir(directory, node)
    shutil.rmtree(datadir, ignore_errors=True)
    name, *options = command
    run(
        [binary(name), "-D", datadir, *options] + (["--no-sync"] if fast else []),
        cwd=directory,
    )


def up(directory, port, replica_port=None, fast=False):
    """Create what is missing, start what is stopped; return when all requested nodes serve."""
    directory = _abs(directory)
    # Say what is missing before creating anything.
    for name in ("initdb", "pg_ctl", "psql") + (("pg_basebackup",) if replica_port else ()):
        binary(name)
    _prepare_dir(directory)
    state = _state(directory)
    for key, value in (("primary_port", port), ("replica_port", replica_port)):
        if value is not None and state.get(key) not in (None, value):
            raise ClusterError(
                f"{directory} already holds a cluster with {key}={state[key]}, not {value}."
            )
    state["primary_port"] = port
    if replica_port is not None:
        state["replica_port"] = replica_port
    _save_state(directory, state)

    primary = _datadir(directory, "primary")
    if not _exists(directory, "primary"):
        _create(
            directory,
            "primary",
            ["initdb", "-U", "root", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"],
            fast,
        )
        _write_conf(primary, port, fast)
        _write_hba(primary)
    _start(directory, "primary")

    if replica_port is not None:
        replica = _datadir(directory, "replica")
        if not _exists(directory, "replica"):
            _create(
                directory,
                "replica",
                ["pg_basebackup", *_client(port), "-R", "-X", "stream", "-c", "fast"],
                fast,
            )
            # The copy carries the primary's settings: only the port (and socket place) differ.
            with open(os.path.join(replica, "postgresql.conf"), "a") as fh:
                fh.write(f"\nport = {replica_port}\nunix_socket_directories = '{replica}'\n")
        _start(directory, "replica")
    return status(directory)


def _nodes(directory, only):
    if only:
        return [only]
    return [node for node in NODES if _exists(directory, node)]


def start(directory, only=None):
    directory = _abs(directory)
    # The primary first: a replica starting alone just waits for it, but reads stay stale.
    for node in _nodes(directory, only):
        _start(directory, node)


def stop(directory, only=None):
    directory = _abs(directory)
    if not os.path.isdir(directory):
        return
    # The replica first, so it does not log a lost primary during a full stop.
    for node in reversed(_nodes(directory, only)):
        _stop(directory, node)


def restart(directory, only="primary"):
    stop(directory, only)
    start(directory, only)


def down(directory):
    directory = _abs(directory)
    if not os.path.isdir(directory):
        return
    errors = []
    for node in reversed(NODES):
        try:
            # Its data is deleted next: no shutdown checkpoint to wait for.
            _stop(directory, node, mode="immediate")
        except ClusterError as exc:
            errors.append(str(exc))
    shutil.rmtree(directory, ignore_errors=True)
    if errors:
        raise ClusterError("\n".join(errors))


def status(directory):
    """{"primary": {"port": P, "up": bool}, "replica": {...}} for the nodes that exist."""
    directory = _abs(directory)
    state = _state(directory)
    return {
        node: {"port": state.get(f"{node}_port"), "up": _running(directory, node)}
        for node in NODES
        if _exists(directory, node)
    }


# --- CLI ------------------------------------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("up", help="create if missing and start a primary (and a replica)")
    p.add_argument("--dir", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--replica-port", type=int)
    p.add_argument("--fast", action="store_true", help="fsync off: throw-away test clusters only")
    for name in ("stop", "start"):
        p = sub.add_parser(name)
        p.add_argument("--dir", required=True)
        p.add_argument("--only", choices=NODES)
    p = sub.add_parser("restart")
    p.add_argument("--dir", required=True)
    p.add_argument("--only", choices=NODES, required=True)
    for name in ("down", "status"):
        p = sub.add_parser(name)
        p.add_argument("--dir", required=True)
    args = parser.parse_args(argv)

    try:
        if args.command == "up":
            up(args.dir, args.port, args.replica_port, fast=args.fast)
        elif args.command == "stop":
            stop(args.dir, args.only)
        elif args.command == "start":
            start(args.dir, args.only)
        elif args.command == "restart":
            restart(args.dir, args.only)
        elif args.command == "down":
            down(args.dir)
            return 0
        nodes = status(args.dir)
        if not nodes:
            print(f"no cluster in {_abs(args.dir)}")
        for node, info in nodes.items():
            print(f"{node}: {'up' if info['up'] else 'down'} (127.0.0.1:{info['port']})")
    except ClusterError as exc:
        print(f"pgcluster: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
