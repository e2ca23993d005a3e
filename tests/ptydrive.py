"""ptydrive.py -- run yibao in a pseudo-terminal of its own session, for tests.

Python standard library only. The child gets a new session with the pty as its
controlling terminal, so closing the master is a real link drop (SIGHUP + EIO).
SPDX-License-Identifier: MIT
"""
import fcntl
import importlib.util
import os
import re
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


# --- Many programs at once, for the benchmarks (tests/bench/bench.py) --------
#
# ptyrun.py (tests/bench/ptyrun.py) measures one program at a time; what follows
# drives several side by side (two sessions for private memory, a hundred for
# the load test) with ptyrun's own launcher and key encoding, in one select
# loop, and reads /proc for memory. Screens are not emulated while it runs: each
# session keeps its raw output, and VT replays it afterwards, so the driver
# stays cheap.

DECCKM = re.compile(rb"\x1b\[\?([\d;]*)([hl])")


def load_ptyrun(path):
    """Import ptyrun.py from its path (it is a script, not an installed module)."""
    spec = importlib.util.spec_from_file_location("ptyrun", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def proc_kib(pid, name, field):
    """A 'Field:   N kB' line of /proc/PID/NAME, in KiB, or None."""
    try:
        with open("/proc/%d/%s" % (pid, name)) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def mapping_rss_kib(pid, suffix):
    """Rss of the mappings of files whose name ends in suffix (the content bundle), in KiB."""
    total, inside = 0, False
    try:
        with open("/proc/%d/smaps" % pid) as f:
            for line in f:
                head = line.split()
                if len(head) >= 5 and "-" in head[0] and ":" not in head[0]:
                    inside = len(head) >= 6 and head[-1].endswith(suffix)
                elif inside and line.startswith("Rss:"):
                    total += int(head[1])
    except OSError:
        return None
    return total


def private_kib(pid):
    """Private_Clean + Private_Dirty from smaps_rollup: memory only this process uses."""
    c = proc_kib(pid, "smaps_rollup", "Private_Clean")
    d = proc_kib(pid, "smaps_rollup", "Private_Dirty")
    return None if c is None or d is None else c + d


class Session:
    """One program on a pseudo-terminal: what it wrote, when, and how it ended."""

    def __init__(self, ptyrun, argv, env, cols=80, rows=24):
        self.ptyrun = ptyrun
        self.t0 = time.monotonic()
        self.pid, self.fd = ptyrun.spawn(argv, cols, rows, env)
        self.out = bytearray()
        self.first_byte = None
        self.last_byte = None
        self.app_cursor = False
        self.status = None
        self.cpu_ms = None
        self.eof = False
        self.reads = []  # (offset after the read, time)

    def fileno(self):
        return self.fd

    def read(self):
        """Read what is there (the caller has seen the fd readable). -> bytes"""
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            data = b""
        if not data:
            self.eof = True
            return b""
        now = time.monotonic()
        self.first_byte = self.first_byte or now
        self.last_byte = now
        tail = bytes(self.out[-16:])
        self.out += data
        self.reads.append((len(self.out), now))
        for params, hl in DECCKM.findall(tail + data):
            if b"1" in params.split(b";"):
                self.app_cursor = hl == b"h"
        return data

    def first_after(self, offset):
        """When the first byte past offset came (None if none has)."""
        for end, t in self.reads:
            if end > offset:
                return t
        return None

    def send(self, step):
        """Type one ptyrun step (keys, not directives). -> time sent"""
        os.write(self.fd, self.ptyrun.encode(step, self.app_cursor))
        return time.monotonic()

    def reap(self, block=False):
        if self.status is None:
            try:
                pid, st, ru = os.wait4(self.pid, 0 if block else os.WNOHANG)
            except ChildProcessError:
                return True
            if pid == self.pid:
                self.status = st
                self.cpu_ms = (ru.ru_utime + ru.ru_stime) * 1000
        return self.status is not None

    def exit_code(self):
        """Exit code, or -SIGNAL, or None while it runs."""
        if self.status is None:
            return None
        if os.WIFEXITED(self.status):
            return os.WEXITSTATUS(self.status)
        return -os.WTERMSIG(self.status)

    def kill(self):
        """SIGTERM then SIGKILL to this pid alone (not reaped yet, so still ours)."""
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if self.reap():
                break
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:
                break
            end = time.monotonic() + 0.5
            while time.monotonic() < end and not self.reap():
                time.sleep(0.01)
        self.reap(block=self.status is None)

    def close(self):
        try:
            os.close(self.fd)
        except OSError:
            pass


def pump(sessions, timeout):
    """Wait up to timeout s and read every session that has output. -> time now"""
    live = [s for s in sessions if not s.eof]
    if not live:
        time.sleep(max(timeout, 0))
        return time.monotonic()
    ready = select.select(live, [], [], max(timeout, 0))[0]
    for s in ready:
        s.read()
    return time.monotonic()


def settle(sessions, quiet, cap):
    """Read all sessions until each has been silent for quiet s (at most cap s)."""
    start = time.monotonic()
    mark = {id(s): len(s.out) for s in sessions}
    last = {id(s): start for s in sessions}
    while True:
        now = pump(sessions, 0.01)
        for s in sessions:
            if len(s.out) != mark[id(s)]:
                mark[id(s)] = len(s.out)
                last[id(s)] = now
        if all(now - last[id(s)] >= quiet for s in sessions) or now - start >= cap:
            return


class VT:
    """A screen fed with a session's output afterwards: pyte, plus what pyte 0.8
    lacks and ncurses uses with xterm-256color: SU/SD (CSI S / CSI T, scrolling
    inside the margins) and REP (CSI b). Without them pyte shows stale lines."""

    def __init__(self, cols=80, rows=24):
        import pyte  # only when screens are wanted

        class Screen(pyte.Screen):
            last_char = " "

            def set_margins(self, *args, private=False):
                if not private:  # ESC [ ? Pm r restores private modes
                    super().set_margins(*args)

            def draw(self, data):
                super().draw(data)
                if data:
                    self.last_char = data[-1]

            def scroll_up(self, count=None, private=False):
                top, bottom = self.margins or (0, self.lines - 1)
                y, x = self.cursor.y, self.cursor.x
                for _ in range(count or 1):
                    self.cursor.y = bottom
                    self.index()
                self.cursor.y, self.cursor.x = y, x

            def scroll_down(self, count=None, private=False):
                top, bottom = self.margins or (0, self.lines - 1)
                y, x = self.cursor.y, self.cursor.x
                for _ in range(count or 1):
                    self.cursor.y = top
                    self.reverse_index()
                self.cursor.y, self.cursor.x = y, x

            def repeat_char(self, count=None, private=False):
                self.draw(self.last_char * (count or 1))

        class Stream(pyte.Stream):
            csi = dict(pyte.Stream.csi, S="scroll_up", T="scroll_down", b="repeat_char")

        self.screen = Screen(cols, rows)
        self.stream = Stream(self.screen)
        self.stream.use_utf8 = False  # ESC ( 0 line drawing, as xterm
        import codecs
        self.decode = codecs.getincrementaldecoder("utf-8")("replace").decode
        from wcwidth import wcwidth
        self.wcwidth = wcwidth
        self.errors = 0

    def feed(self, data):
        try:
            self.stream.feed(self.decode(bytes(data)))
        except Exception:  # a pyte bug: count it, restart its parser, go on
            self.errors += 1
            self.stream.attach(self.screen)

    def resize(self, cols, rows):
        self.screen.resize(rows, cols)

    def lines(self):
        """Rows as text, as a terminal shows them: half of a wide character
        overwritten leaves a blank, as in xterm."""
        rows = []
        sc = self.screen
        for y in range(sc.lines):
            line, out, x = sc.buffer[y], [], 0
            while x < sc.columns:
                d = line[x].data
                if d == "":
                    out.append(" ")
                    x += 1
                    continue
                if self.wcwidth(d[0]) == 2:
                    if x + 1 < sc.columns and line[x + 1].data != "":
                        out.append(" ")  # its right half was overwritten
                        x += 1
                        continue
                    out.append(d)
                    x += 2
                    continue
                out.append(d)
                x += 1
            rows.append("".join(out).rstrip())
        while rows and not rows[-1]:
            rows.pop()
        return rows
