"""More students than one server: N `streamlit run` replicas behind nginx, on one machine.

    python -m diffexplain.serving.cluster --replicas 2 --port 8080

Starts the replicas on free loopback ports (each in its own process group, with its SymPy
workers; `--pin` gives replica i core i), writes `deploy/nginx.conf.template` filled in for
them into a folder of its own and runs Debian's nginx with it, waits until every replica
answers `/_stcore/health` and nginx answers too, prints the URL and stays in the foreground.
Every second it asks each replica's health: a replica that died is started again on its
port, and while it is not healthy nginx is told to leave it out (the config says `down`, and
nginx reloads it). SIGTERM or Ctrl-C stops nginx and every replica.

Nothing runs on import; `running_cluster()` does the same inside a `with` block (the tests
and `diffexplain.devtools.load` measurements use it).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from diffexplain.serving.server import PROJECT_ROOT, free_loopback_port, port_open, start, stop

TEMPLATE = PROJECT_ROOT / "deploy" / "nginx.conf.template"
NGINX = "nginx"
HEALTH_PATH = "/_stcore/health"
CHECK_SECONDS = 1.0
FAILED_CHECKS = 3
"""Health checks a running replica may fail in a row before it is taken out: a replica busy
with a class can be slow to answer, and taking it out costs its visitors their page state."""
START_SECONDS = 180.0


def replica_name(index: int) -> str:
    return f"r{index}"


def nginx_config(
    template: str,
    port: int,
    prefix: str,
    replica_ports: list[int],
    down: Collection[int] = (),
    host: str = "127.0.0.1",
) -> str:
    """The template filled in for replicas on `replica_ports` (index i is replica `r{i}`),
    those in `down` left out of new visitors' pool and marked down in their own upstream;
    nginx listens on `host`:`port`.

    >>> text = nginx_config(TEMPLATE.read_text(), 8080, "/tmp/n", [8601, 8602], down={1})
    >>> "server 127.0.0.1:8602 max_fails=1 fail_timeout=10s down;" in text
    True
    >>> "r1 diffexplain_r1;" in text and "listen 127.0.0.1:8080;" in text
    True
    """
    address = "127.0.0.1:{}".format
    state = [" down" if i in down else "" for i in range(len(replica_ports))]
    pool = [
        f"        server {address(p)} max_fails=1 fail_timeout=10s{state[i]};"
        for i, p in enumerate(replica_ports)
    ]
    replicas = [
        f"    upstream diffexplain_{replica_name(i)} {{ server {address(p)}{state[i]}; }}"
        for i, p in enumerate(replica_ports)
    ]
    routes = [
        f"        {replica_name(i)} diffexplain_{replica_name(i)};"
        for i in range(len(replica_ports))
    ]
    names = [f'        "{address(p)}" {replica_name(i)};' for i, p in enumerate(replica_ports)]
    filled = {
        "@@LISTEN@@": f"{host}:{port}",
        "@@PREFIX@@": prefix,
        "@@POOL@@": "\n".join(pool),
        "@@REPLICAS@@": "\n".join(replicas),
        "@@ROUTES@@": "\n".join(routes),
        "@@NAMES@@": "\n".join(names),
    }
    for marker, text in filled.items():
        template = template.replace(marker, text)
    return template


def healthy(port: int, seconds: float = 2.0) -> bool:
    """Whether the server on `port` answers its health check."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{HEALTH_PATH}", timeout=seconds):
            return True
    except OSError:
        return False


@dataclass
class Replica:
    """One `streamlit run` behind nginx."""

    index: int
    port: int
    cores: list[int] | None
    process: subprocess.Popen | None = None
    restarts: int = 0
    failed_checks: int = 0
    up: bool = False
    """Whether nginx sends visitors to it (it answered its last health check)."""

    @property
    def name(self) -> str:
        return replica_name(self.index)


@dataclass
class Cluster:
    """N replicas, nginx in front of them, and the thread that watches their health."""

    port: int
    replicas: list[Replica]
    prefix: Path
    log: IO | int = subprocess.DEVNULL
    host: str = "127.0.0.1"
    """Where nginx listens: loopback, or 0.0.0.0 in a container."""
    nginx: subprocess.Popen | None = None
    events: list[str] = field(default_factory=list)
    """What the watcher did ("r1 died: restarted"), in order."""
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def process_groups(self) -> list[int]:
        """The replicas' process groups (each with its SymPy workers) and nginx's."""
        groups = [r.process.pid for r in self.replicas if r.process and r.process.poll() is None]
        if self.nginx is not None and self.nginx.poll() is None:
            groups.append(self.nginx.pid)
        return groups

    def _config_path(self) -> Path:
        return self.prefix / "nginx.conf"

    def write_config(self) -> None:
        down = {r.index for r in self.replicas if not r.up}
        text = nginx_config(
            TEMPLATE.read_text(),
            self.port,
            str(self.prefix),
            [r.port for r in self.replicas],
            down,
            self.host,
        )
        self._config_path().write_text(text)

    def start_nginx(self) -> None:
        for folder in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.prefix / folder).mkdir(exist_ok=True)
        self.write_config()
        command = [NGINX, "-p", str(self.prefix), "-c", str(self._config_path())]
        check = subprocess.run([*command, "-t"], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"nginx refused its configuration:\n{check.stderr}")
        self.nginx = subprocess.Popen(
            [*command, "-g", "daemon off;"],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def reload_nginx(self) -> None:
        """Tell nginx which replicas are up: a graceful reload (open websockets stay)."""
        self.write_config()
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGHUP)

    def start_replica(self, replica: Replica) -> None:
        replica.process = start(replica.port, self.log, replica.cores)

    def check(self) -> None:
        """One round of health checks: restart the dead, take out and put back in."""
        changed = False
        for replica in self.replicas:
            died = replica.process is not None and replica.process.poll() is not None
            if died:
                stop(replica.process)  # its SymPy workers too
                replica.restarts += 1
                self.events.append(f"{replica.name} exited: started again")
                self.start_replica(replica)
            ok = not died and healthy(replica.port)
            replica.failed_checks = 0 if ok else replica.failed_checks + 1
            out = died or replica.failed_checks >= FAILED_CHECKS
            if replica.up and out or not replica.up and ok:
                replica.up = ok
                changed = True
                self.events.append(f"{replica.name} {'back in' if ok else 'taken out'}")
        if changed:
            self.reload_nginx()

    def watch(self) -> None:
        """`check` every CHECK_SECONDS until `close`."""
        while not self._stop.wait(CHECK_SECONDS):
            with self._lock:
                if not self._stop.is_set():
                    self.check()

    def close(self) -> None:
        self._stop.set()
        with self._lock:
            if self.nginx is not None and self.nginx.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.nginx.pid, signal.SIGTERM)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.nginx.wait(timeout=10)
                if self.nginx.poll() is None:
                    self.nginx.kill()
            for replica in self.replicas:
                if replica.process is not None:
                    stop(replica.process)


def nginx_available() -> bool:
    return shutil.which(NGINX) is not None


@contextlib.contextmanager
def running_cluster(
    replicas: int,
    port: int | None = None,
    cores: list[list[int]] | None = None,
    log: IO | int = subprocess.DEVNULL,
    seconds: float = START_SECONDS,
    host: str = "127.0.0.1",
) -> Iterator[Cluster]:
    """`replicas` servers behind nginx on `port` (a free one by default), healthy, watched;
    everything stopped on the way out. `cores[i]`: the CPUs of replica i."""
    if not nginx_available():
        raise RuntimeError("nginx is not installed (Debian: apt-get install nginx)")
    if port is not None and port_open(port):
        raise RuntimeError(f"port {port} is in use")
    with tempfile.TemporaryDirectory(prefix="diffexplain-nginx-") as prefix:
        os.chmod(prefix, 0o755)  # nginx's workers run as another user when started as root
        cluster = Cluster(
            port=port or free_loopback_port(),
            replicas=[
                Replica(i, free_loopback_port(), cores[i % len(cores)] if cores else None)
                for i in range(replicas)
            ],
            prefix=Path(prefix),
            log=log,
            host=host,
        )
        watcher = threading.Thread(target=cluster.watch, name="cluster-watch", daemon=True)
        try:
            for replica in cluster.replicas:
                cluster.start_replica(replica)
            cluster.start_nginx()
            _wait_until_ready(cluster, seconds)
            watcher.start()
            yield cluster
        finally:
            cluster.close()
            if watcher.is_alive():
                watcher.join(timeout=10)


def _wait_until_ready(cluster: Cluster, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    waiting = list(cluster.replicas)
    while waiting or not port_open(cluster.port):
        if time.monotonic() > deadline:
            names = ", ".join(r.name for r in waiting) or "nginx"
            raise TimeoutError(f"not healthy within {seconds:g} s: {names}")
        if cluster.nginx is not None and cluster.nginx.poll() is not None:
            raise RuntimeError(f"nginx exited with {cluster.nginx.returncode}")
        for replica in list(waiting):
            if replica.process is not None and replica.process.poll() is not None:
                raise RuntimeError(f"{replica.name} exited with {replica.process.returncode}")
            if healthy(replica.port):
                replica.up = True
                waiting.remove(replica)
        time.sleep(0.3)
    cluster.reload_nginx()  # every replica up in the config
    while not healthy(cluster.port):
        if time.monotonic() > deadline:
            raise TimeoutError("nginx does not pass health checks through")
        time.sleep(0.2)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m diffexplain.serving.cluster",
        description="N replicas of the app behind nginx on one port, restarted when they die.",
    )
    parser.add_argument("--replicas", type=int, default=2, help="servers (default 2)")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port (default 8080)")
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="nginx's address (default 127.0.0.1; 0.0.0.0 in a "
        "container); the replicas always listen on loopback",
    )
    parser.add_argument(
        "--pin", action="store_true", help="give replica i core i (mod the cores there are)"
    )
    parser.add_argument("--log", metavar="PATH", help="append the servers' output to this file")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.replicas < 1:
        print("--replicas must be at least 1", file=sys.stderr)
        return 2
    cores = None
    if args.pin:
        cores = [[core] for core in sorted(os.sched_getaffinity(0))]
    stopping = threading.Event()

    def stop_on(signum, _frame) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, stop_on)
    signal.signal(signal.SIGINT, stop_on)
    log = open(args.log, "ab") if args.log else subprocess.DEVNULL  # noqa: SIM115
    try:
        with running_cluster(args.replicas, args.port, cores, log, host=args.host) as cluster:
            for replica in cluster.replicas:
                where = f", cores {replica.cores}" if replica.cores else ""
                print(f"{replica.name}: 127.0.0.1:{replica.port}, pid {replica.process.pid}{where}")
            print(f"nginx: pid {cluster.nginx.pid}", flush=True)
            print(f"diffexplain on {cluster.url} ({args.replicas} replicas)", flush=True)
            seen = 0
            while not stopping.wait(0.5):
                for event in cluster.events[seen:]:
                    print(event, flush=True)
                seen = len(cluster.events)
                if cluster.nginx.poll() is not None:
                    print(f"nginx exited with {cluster.nginx.returncode}", file=sys.stderr)
                    return 1
            print("stopping", flush=True)
    except (RuntimeError, TimeoutError) as error:
        print(f"cluster: {error}", file=sys.stderr)
        return 1
    finally:
        if log is not subprocess.DEVNULL:
            log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
