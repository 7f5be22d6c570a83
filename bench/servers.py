"""`streamlit run` servers for the real app and the two reference apps, and their memory.

Streamlit serves static files from `static/` beside the main script, so each app's script is
copied into a temporary folder next to a link to the project's static/ (nothing to commit,
nothing that breaks on a clean clone). The copy is also a snapshot: the real app measured is
app.py as it was when the run started. Servers run from the project root, so the project's
.streamlit/config.toml applies and `geo`/`story` import as they do for app.py.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bench import BENCH_DIR, ROOT

APPS = {
    "app": ROOT / "app.py",
    "naive": BENCH_DIR / "naive_app.py",
    "documented": BENCH_DIR / "documented_app.py",
    "floor": BENCH_DIR / "floor_app.py",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stage(script: Path, folder: Path) -> Path:
    """Copy an app's script into `folder` beside the project's static/, so /app/static works."""
    static = folder / "static"
    try:
        static.symlink_to(ROOT / "static", target_is_directory=True)
    except OSError:  # no symlinks (some Windows setups): a copy serves as well
        shutil.copytree(ROOT / "static", static)
    staged = folder / script.name
    shutil.copy2(script, staged)
    return staged


class Server:
    """One `streamlit run` process on a free localhost port."""

    def __init__(self, name: str, script: Path):
        self.name = name
        self._folder = tempfile.TemporaryDirectory(prefix=f"bench-{name}-")
        self._log = open(Path(self._folder.name) / "server.log", "w+b")  # a file: a pipe nobody reads could fill and stall the server
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(stage(script, Path(self._folder.name))),
             "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
             "--server.enableStaticServing", "true", "--browser.gatherUsageStats", "false",
             # No file watcher: script and modules stay as first loaded, so edits made to the
             # project during a run cannot change what is measured, and no watcher takes CPU.
             "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
        )

    def wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._log.seek(0)
                raise RuntimeError(f"{self.name}: streamlit exited early:\n{self._log.read().decode(errors='replace')}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read().strip() == b"ok":
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name}: streamlit did not become healthy within {timeout:.0f} s")

    def rss_bytes(self) -> int:
        """Resident memory of the server process (VmRSS, which /proc gives in KiB)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        raise RuntimeError("no VmRSS in /proc status")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()
        self._folder.cleanup()


@contextmanager
def servers(names=tuple(APPS)):
    """Start the named apps together (they boot in parallel) and stop them all at the end."""
    started = []
    try:
        for name in names:
            started.append(Server(name, APPS[name]))
        for server in started:
            server.wait_healthy()
        yield {server.name: server for server in started}
    finally:
        for server in started:
            server.stop()
