"""ptydrive.py -- run yibao in a pseudo-terminal of its own session, for tests.

Python standard library only. The child gets a new session with the pty as its
controlling terminal, so closing the master is a real link drop (SIGHUP + EIO).
SPDX-License-Identifier: MIT
"""
import fcntl
import os
import select
import signal
import struct
import termios
import time

KEYS = {
    "Up": b"\x1bOA", "Down": b"\x1bOB", "Right": b"\x1bOC", "Left": b"\x1bOD",
    "Enter": b"\r", "Esc": b"\x1b", "BSpace": b"\x7f", "PgDn": b"\x1b[6~",
}


class Pty:
    """One program in a pty. out collects every byte it wrote."""

    def __init__(self, argv, cols=80, rows=24, env=None):
        """env: extra variables; a value of None removes that variable."""
        self.master, slave = os.openpty()
        self.resize(cols, rows, fd=slave)
        e = dict(os.environ)
        e.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", "ESCDELAY": "25"})
        e.update(env or {})
        e = {k: v for k, v in e.items() if v is not None}  # None: unset it
        self.pid = os.fork()
        if self.pid == 0:
            os.close(self.master)
            os.setsid()
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
            for fd in (0, 1, 2):
                os.dup2(slave, fd)
            if slave > 2:
                os.close(slave)
            os.execvpe(argv[0], argv, e)
        os.close(slave)
        self.out = b""
        self.status = None
        self.rusage = None

    def resize(self, cols, rows, fd=None):
        fcntl.ioctl(self.master if fd is None else fd, termios.TIOCSWINSZ,
                    struct.pack("HHHH", rows, cols, 0, 0))

    def read(self, quiet=0.15, cap=5.0):
        """Read until the program has been silent for quiet seconds (at most cap)."""
        end = time.time() + cap
        last = time.time()
        while time.time() < end and time.time() - last < quiet:
            r, _, _ = select.select([self.master], [], [], 0.02)
            if r:
                try:
                    data = os.read(self.master, 65536)
                except OSError:
                    break
                if not data:
                    break
                self.out += data
                last = time.time()
        return self.out

    def wait_for(self, text, cap=5.0):
        """Read until text (bytes or str) has appeared; True if it did."""
        if isinstance(text, str):
            text = text.encode()
        end = time.time() + cap
        while time.time() < end:
            if text in self.out:
                return True
            self.read(quiet=0.05, cap=0.2)
        return text in self.out

    def send(self, *keys):
        for k in keys:
            os.write(self.master, KEYS.get(k, k.encode() if isinstance(k, str) else k))
            self.read(quiet=0.08, cap=1.0)

    def drop(self):
        """The link drops: the terminal goes away under the program."""
        os.close(self.master)
        self.master = -1

    def wait_exit(self, timeout):
        """Reap the child; returns seconds it took, or None if still running."""
        start = time.time()
        while time.time() - start < timeout:
            pid, status, ru = os.wait4(self.pid, os.WNOHANG)
            if pid == self.pid:
                self.status, self.rusage = status, ru
                return time.time() - start
            if self.master >= 0:
                self.read(quiet=0.01, cap=0.02)
            else:
                time.sleep(0.01)
        return None

    def kill(self):
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        if self.master >= 0:
            os.close(self.master)
            self.master = -1


def session_alive(sid):
    """Pids still in session sid (the leader's pid)."""
    alive = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[3]) == sid and fields[0] != "Z":
                alive.append(int(name))
        except (OSError, IndexError, ValueError):
            pass
    return alive
