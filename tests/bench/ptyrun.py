#!/usr/bin/env python3
# ptyrun.py -- the workplace's terminal-cost measurer (bench/ptyrun.py of the shared
# tools), kept here so that make bench stands on the project's own files.
"""ptyrun: run a terminal program in a pseudo-terminal, type a script of keys
at it, and report as JSON what each step cost: bytes the program wrote to the
terminal, settle latency, time to the first settled screen, and peak memory.

usage: ptyrun.py [options] [-f SCRIPT] [-k STEP ...] -- COMMAND [ARG...]

A script has one step per line. A step is literal text and/or named keys,
sent in one write: <Down> <Up> <Left> <Right> <Home> <End> <PgUp> <PgDn>
<Enter> <Esc> <Tab> <Space> <Backspace> <Del> <Ins> <F1>..<F10> <C-x> <lt>
<gt> <hex:1b5b41>. Whole-line steps: <wait:MS> and <resize:COLSxROWS>.
<Down>*5 is five <Down> steps. Lines starting with # are comments.
The last step is the quit step: peak RSS and the screen are read before it.
"""
import argparse
import codecs
import ctypes
import fcntl
import json
import os
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time

try:
    import pyte
except ImportError:  # the report then has no screen text
    pyte = None

KEYS = {
    "enter": "\r", "tab": "\t", "esc": "\x1b", "space": " ",
    "backspace": "\x7f", "del": "\x1b[3~", "ins": "\x1b[2~",
    "pgup": "\x1b[5~", "pgdn": "\x1b[6~", "lt": "<", "gt": ">",
    "f1": "\x1bOP", "f2": "\x1bOQ", "f3": "\x1bOR", "f4": "\x1bOS",
    "f5": "\x1b[15~", "f6": "\x1b[17~", "f7": "\x1b[18~", "f8": "\x1b[19~",
    "f9": "\x1b[20~", "f10": "\x1b[21~",
}
# Cursor keys follow DECCKM (ESC[?1h / ESC[?1l) as in xterm: ESC O x while the
# program has set it (ncurses does, with smkx), ESC [ x otherwise.
CURSOR = {"up": "A", "down": "B", "right": "C", "left": "D", "home": "H", "end": "F"}
TOKEN = re.compile(r"<([^<>\s]+)>")
DIRECTIVE = re.compile(r"<(wait|resize):([^<>]*)>")
DECCKM = re.compile(rb"\x1b\[\?([\d;]*)([hl])")

# The program is not forked by this Python process: a child forked from Python
# keeps Python's image (~11 MB) as the floor of its ru_maxrss even after exec.
# Instead setsid(1) forks it, makes it a session leader with the terminal as
# its controlling tty, and exits; a shell there tells us its pid and execs the
# program, which is reparented to us (a child subreaper), so that wait4 gives
# its own rusage. (A shell "&" job would start it with SIGINT/SIGQUIT ignored.)
LAUNCH = ["setsid", "-f", "-c", "/bin/sh", "-c", 'echo $$; exec "$@" >&0', "sh"]
PR_SET_CHILD_SUBREAPER = 36


class Timeout(Exception):
    pass


if pyte:
    class Screen(pyte.Screen):
        """pyte 0.8 takes ESC [ ? Pm r (restore DEC private modes, which w3m
        sends around every key) for "set margins" and raises; ignore it."""

        def set_margins(self, *args, private=False):
            if not private:
                super().set_margins(*args)


def parse_size(text):
    m = re.fullmatch(r"(\d+)x(\d+)", text)
    if not m:
        raise argparse.ArgumentTypeError("size must be COLSxROWS, e.g. 80x24")
    return int(m.group(1)), int(m.group(2))


def expand(lines):
    """Script lines -> steps, without comments and with <Key>*N expanded."""
    steps = []
    for line in lines:
        line = line.rstrip("\r\n")
        if not line or line.startswith("#"):
            continue
        m = re.fullmatch(r"(<[^<>\s]+>)\*(\d+)", line)
        steps += [m.group(1)] * int(m.group(2)) if m else [line]
    return steps


def encode(step, app_cursor):
    """One step -> the bytes a terminal would send for it."""
    out, pos = b"", 0
    for m in TOKEN.finditer(step):
        out += step[pos:m.start()].encode()
        name = m.group(1).lower()
        if name in KEYS:
            out += KEYS[name].encode()
        elif name in CURSOR:
            out += (b"\x1bO" if app_cursor else b"\x1b[") + CURSOR[name].encode()
        elif re.fullmatch(r"c-[a-z@\[\\\]^_]", name):
            out += bytes([ord(name[2].upper()) & 0x1F])
        elif name.startswith("hex:"):
            out += bytes.fromhex(name[4:])
        else:
            raise ValueError("unknown key <%s> in step %r" % (m.group(1), step))
        pos = m.end()
    return out + step[pos:].encode()


def set_winsize(fd, cols, rows):
    """TIOCSWINSZ. When the size changes, the kernel sends SIGWINCH to the
    terminal's foreground process group (sending one more makes some programs
    redraw twice, at random). -> whether the size changed"""
    new = struct.pack("HHHH", rows, cols, 0, 0)
    old = fcntl.ioctl(fd, termios.TIOCGWINSZ, bytes(8))
    fcntl.ioctl(fd, termios.TIOCSWINSZ, new)
    return old != new


def spawn(argv, cols, rows, env):
    """Start argv on a new pseudo-terminal. -> (pid, master fd)"""
    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0):
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER)")
    master, slave = os.openpty()
    set_winsize(slave, cols, rows)
    launcher = subprocess.Popen(LAUNCH + argv, env=env, stdin=slave,
                                stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    pid = int(launcher.communicate()[0])
    return pid, master


def proc_status_kib(pid, field):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


class Run:
    """One program on a pseudo-terminal, and everything it has written."""

    def __init__(self, argv, cols, rows, env, quiet, cap):
        self.quiet, self.cap = quiet, cap
        self.app_cursor, self.tail = False, b""
        self.total, self.status, self.ru_maxrss = 0, None, None
        self.log = b""  # everything since the last take_log()
        self.screen = self.stream = None
        self.screen_errors = 0
        if pyte:
            self.screen = Screen(cols, rows)
            self.stream = pyte.Stream(self.screen)
            self.stream.use_utf8 = False  # so ESC ( 0 line drawing works, as in xterm
            self.decode = codecs.getincrementaldecoder("utf-8")("replace").decode
        self.t0 = time.monotonic()
        self.pid, self.fd = spawn(argv, cols, rows, env)

    def ms(self, t, since=None):
        return None if t is None else round((t - (since or self.t0)) * 1000, 1)

    def read(self, timeout):
        """Wait up to timeout s for output: bytes, b"" at EOF, None if silent."""
        if not select.select([self.fd], [], [], max(timeout, 0))[0]:
            return None
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: nothing holds the terminal's other end any more
            return b""
        self.total += len(data)
        self.log += data
        buf, self.tail = self.tail + data, data[-16:]  # a sequence may span reads
        for params, hl in DECCKM.findall(buf):
            if b"1" in params.split(b";"):
                self.app_cursor = hl == b"h"
        if self.stream:
            try:
                self.stream.feed(self.decode(data))
            except Exception:  # a pyte bug: note it, restart its parser, go on
                self.screen_errors += 1
                self.stream.attach(self.screen)
        return data

    def settle(self, first_wait=0.0, until_exit=False):
        """Read until output has been quiet for self.quiet s (before the first
        byte: max(quiet, first_wait)), for at most self.cap s; with until_exit,
        also until the program has exited. -> (bytes, first, last, capped)"""
        start = time.monotonic()
        n, first, last = 0, None, None
        while True:
            now = time.monotonic()
            if until_exit and self.status is None:
                self.reap(os.WNOHANG)
            end = last + self.quiet if last else start + max(self.quiet, first_wait)
            if until_exit and self.status is None:
                end = now + 0.02  # poll for the exit
            end = min(end, start + self.cap)
            if now >= end:
                break
            data = self.read(end - now)
            if data == b"":  # EOF: the program has closed the terminal
                if until_exit:
                    self.exited(start + self.cap - time.monotonic())
                break
            if data:
                last = time.monotonic()
                first = first or last
                n += len(data)
        return n, first, last, time.monotonic() - start >= self.cap

    def drain(self, seconds):
        """Read whatever comes for this long. -> bytes read"""
        end, n = time.monotonic() + seconds, 0
        while time.monotonic() < end:
            data = self.read(end - time.monotonic())
            if data == b"":
                time.sleep(max(0, end - time.monotonic()))
            n += len(data or b"")
        return n

    def reap(self, flags):
        pid, status, ru = os.wait4(self.pid, flags)
        if pid == self.pid:
            self.status, self.ru_maxrss = status, ru.ru_maxrss

    def exited(self, seconds):
        """Poll up to this long for the program's exit. -> whether it has exited"""
        end = time.monotonic() + seconds
        while self.status is None:
            self.reap(os.WNOHANG)
            if self.status is not None or time.monotonic() >= end:
                break
            time.sleep(0.005)
        return self.status is not None

    def kill(self):
        """Make sure the program is gone: SIGTERM, then SIGKILL if it is still
        there 0.5 s later; by its pid only, which is not reaped yet and so
        cannot be anyone else's. -> the name of the last signal sent, or None"""
        sent = None
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if self.exited(0.5 if sent else 0):
                return sent
            os.kill(self.pid, sig)
            sent = sig.name
        self.reap(0)
        return sent

    def take_log(self):
        log, self.log = self.log, b""
        return log.decode("utf-8", "backslashreplace")

    def cursor(self):
        """Where the cursor is: 0-based row (an index into the screen's lines) and column."""
        return {"row": self.screen.cursor.y, "col": self.screen.cursor.x} if self.screen else None

    def lines(self):
        """The screen as text, trailing blanks and blank bottom rows dropped."""
        if not self.screen:
            return None
        rows = [row.rstrip() for row in self.screen.display]
        while rows and not rows[-1]:
            rows.pop()
        return rows


def run(args, steps, env):
    cols, rows = args.size
    rep = {"command": args.command, "size": "%dx%d" % (cols, rows), "term": args.term,
           "quiet_ms": args.quiet_ms, "cap_ms": args.cap_ms, "pid": None,
           "total_bytes": None, "first_byte_ms": None, "first_screen": None, "steps": [],
           "vmhwm_kib": None, "vmrss_kib": None, "ru_maxrss_kib": None, "exit": None,
           "killed": None, "timed_out": False, "elapsed_ms": None, "screen_errors": 0,
           "screen": None, "cursor": None, "screen_end": None}
    r = Run(args.command, cols, rows, env, args.quiet_ms / 1000, args.cap_ms / 1000)
    rep["pid"] = r.pid
    try:
        n, first, last, capped = r.settle(first_wait=r.cap)
        rep["first_byte_ms"] = r.ms(first)
        rep["first_screen"] = {"bytes": n, "settle_ms": r.ms(last), "capped": capped}
        if args.dump:
            rep["first_screen"]["output"] = r.take_log()
        for i, step in enumerate(steps):
            rec = {"keys": step}
            rep["steps"].append(rec)
            quit_step = i == len(steps) - 1
            if quit_step:  # the program's peak, and what it shows, before it quits
                rep["vmhwm_kib"] = proc_status_kib(r.pid, "VmHWM")
                rep["vmrss_kib"] = proc_status_kib(r.pid, "VmRSS")
                rep["screen"], rep["cursor"] = r.lines(), r.cursor()
            m = DIRECTIVE.fullmatch(step.strip())
            t = time.monotonic()
            if m and m.group(1) == "wait":
                rec["bytes"] = r.drain(int(m.group(2)) / 1000)
                if args.dump:
                    rec["output"] = r.take_log()
                continue
            if m:  # resize
                c, w = parse_size(m.group(2))
                if not set_winsize(r.fd, c, w):
                    os.kill(r.pid, signal.SIGWINCH)
                if r.screen:
                    r.screen.resize(w, c)
            else:
                try:
                    os.write(r.fd, encode(step, r.app_cursor))
                except OSError:
                    rec["error"] = "terminal closed"
                    break
            n, first, last, capped = r.settle(until_exit=quit_step)
            rec.update(bytes=n, latency_ms=r.ms(last, t), first_byte_ms=r.ms(first, t))
            if capped:
                rec["capped"] = True
            if args.screen_each and r.screen:
                rec["screen"] = r.lines()
            if args.dump:
                rec["output"] = r.take_log()
    except Timeout:
        rep["timed_out"] = True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        rep["killed"] = r.kill()
        os.close(r.fd)
    st = r.status
    rep.update(total_bytes=r.total, ru_maxrss_kib=r.ru_maxrss, elapsed_ms=r.ms(time.monotonic()),
               exit={"code": os.WEXITSTATUS(st)} if os.WIFEXITED(st)
               else {"signal": signal.Signals(os.WTERMSIG(st)).name},
               screen_errors=r.screen_errors, screen_end=r.lines())
    if rep["screen"] is None:
        rep["screen"], rep["cursor"] = rep["screen_end"], r.cursor()
    return rep


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                usage=__doc__.split("usage: ")[1].split("\n")[0])
    p.add_argument("-f", "--script", help="key script file, one step per line ('-' = stdin)")
    p.add_argument("-k", "--key", action="append", default=[], metavar="STEP",
                   help="one step; repeatable, runs after the script's steps")
    p.add_argument("--resize", action="append", default=[], metavar="COLSxROWS",
                   help="add a <resize:COLSxROWS> step before the quit step")
    p.add_argument("--size", type=parse_size, default=(80, 24), help="COLSxROWS (80x24)")
    p.add_argument("--term", default="xterm-256color", help="TERM (xterm-256color)")
    p.add_argument("--quiet-ms", type=int, default=150, help="a step has settled after this much silence (150)")
    p.add_argument("--cap-ms", type=int, default=5000, help="longest wait for one step (5000)")
    p.add_argument("--timeout", type=float, default=60, help="global timeout, seconds (60)")
    p.add_argument("--env", action="append", default=[], metavar="NAME=VALUE", help="set in the environment")
    p.add_argument("--tmp-home", action="store_true", help="HOME is a fresh empty directory")
    p.add_argument("--screen-each", action="store_true", help="add the screen text to every step")
    p.add_argument("--dump", action="store_true", help="add what the program wrote to every step")
    p.add_argument("-o", "--output", help="write the JSON here, not to stdout")
    p.add_argument("command", nargs="+")
    args = p.parse_args()

    steps = []
    if args.script:
        with (sys.stdin if args.script == "-" else open(args.script, encoding="utf-8")) as f:
            steps = expand(f)
    steps += expand(args.key)
    for size in args.resize:
        parse_size(size)
        steps.insert(max(len(steps) - 1, 0), "<resize:%s>" % size)
    for step in steps:  # reject bad steps before starting anything
        m = DIRECTIVE.fullmatch(step.strip())
        try:
            if not m:
                encode(step, False)
            elif m.group(1) == "wait":
                int(m.group(2))
            else:
                parse_size(m.group(2))
        except (ValueError, argparse.ArgumentTypeError) as e:
            p.error("bad step %r: %s" % (step, e))

    env = {k: v for k, v in os.environ.items()
           if not k.startswith("LC_") and k not in ("COLUMNS", "LINES")}
    env.update(TERM=args.term, LANG="C.UTF-8")
    home = tempfile.mkdtemp(prefix="ptyrun-home-") if args.tmp_home else None
    if home:
        env["HOME"] = home
    for kv in args.env:
        k, _, v = kv.partition("=")
        env[k] = v

    def on_alarm(signum, frame):
        raise Timeout()
    signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, args.timeout)
    try:
        rep = run(args, steps, env)
    finally:
        if home:
            shutil.rmtree(home, ignore_errors=True)
    text = json.dumps(rep, ensure_ascii=False, indent=1)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    else:
        print(text)
    return 1 if rep["timed_out"] else 0


if __name__ == "__main__":
    sys.exit(main())
