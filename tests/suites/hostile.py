"""hostile.py -- content and config full of ESC/OSC/CSI/C1/bidi sequences.

Checked at the byte level: none of them reaches the terminal, in full-screen
mode, --print, --plain or --check.
SPDX-License-Identifier: MIT
"""
import atexit
import os
import shutil
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from ptydrive import Pty  # noqa: E402

YIBAO = os.environ.get("YIBAO", "./yibao")
FX = "tests/fixtures/hostile"
CFG = ["--config", FX + "/hostile.ini"]
tmp = tempfile.mkdtemp(prefix="yibao-hostile.")
atexit.register(shutil.rmtree, tmp, True)
ENV = {"HOME": tmp, "XDG_CONFIG_HOME": tmp}

FORBIDDEN = [
    (b"\x1b]", "OSC"), (b"\x1bP", "DCS"), (b"\x07", "BEL"),
    (b"\x1b[31mEVIL", "colour from content"),
    (b"\xe2\x80\xae", "RLO"), (b"\xe2\x81\xa6", "LRI"), (b"\xe2\x80\x8b", "zero-width space"),
    (b"\x08", "backspace"), (b"\x7f", "DEL"), (b"\xf3\xa0\x80\x81", "tag character"),
]
C1 = re.compile(rb"\xc2[\x80-\x9f]")
fails = 0


def own_sequences():
    """What ncurses itself sends for this terminal and may look like the forbidden
    ones: xterm's colour reset "oc" is OSC 104 BEL (sent when the screen resumes)."""
    import curses
    curses.setupterm("xterm-256color", sys.stdout.fileno() if sys.stdout.isatty() else os.open(os.devnull, os.O_WRONLY))
    return [s for s in (curses.tigetstr("oc"),) if s]


OWN = own_sequences()


def check(name, data, screen_mode):
    global fails
    if screen_mode:
        for seq in OWN:  # from the terminal description, not from the content
            data = data.replace(seq, b"")
    found = [what for seq, what in FORBIDDEN if seq in data]
    if C1.search(data):
        found.append("C1 control")
    try:
        data.decode("utf-8")  # a raw 8-bit CSI (0x9B) would not decode
    except UnicodeDecodeError as e:
        found.append("invalid UTF-8 at byte %d" % e.start)
    if not screen_mode and b"\x1b" in data:
        found.append("any ESC in plain text")
    # Combining marks are capped: never more than 4 after one base character.
    if "\u0301" * 5 in data.decode("utf-8", "replace"):
        found.append("uncapped combining marks")
    shown = data.count(b"EVIL")
    if found or shown == 0:
        fails += 1
        print("not ok - %s: %s" % (name, ", ".join(found) or "the text itself is missing"))
    else:
        print("ok - %s: %d bytes, text shown, no control sequence from content" % (name, len(data)))


p = Pty([YIBAO] + CFG, env=ENV)
p.wait_for("q", 5)
p.read(quiet=0.3)
first = p.out
p.send("1")
p.read(quiet=0.3)
p.send("End")
p.send("Left", "?")
p.read(quiet=0.3)
p.send("q")
p.wait_exit(3)
# The guide's own output legitimately uses ESC [ ... sequences; what must be
# absent is anything that came from the content.
check("full screen, home and the hostile page", p.out, True)
p.kill()

for args, name in ((["--print", "evil"], "--print"), (["--list"], "--list"),
                   (["--plain"], "--plain")):
    r = subprocess.run([YIBAO] + CFG + args, input=b"1\nb\nq\n", capture_output=True,
                       env=dict(os.environ, **ENV), timeout=20)
    check(name + " stdout", r.stdout, False)
    check(name + " stderr", r.stderr + b"EVIL", False)

r = subprocess.run([YIBAO] + CFG + ["--check"], capture_output=True,
                   env=dict(os.environ, **ENV), timeout=20)
ok = r.returncode == 1 and b"control character" in r.stderr
print("%s - --check names the control characters (exit %d)" % ("ok" if ok else "not ok", r.returncode))
check("--check stderr", r.stderr + b"EVIL", False)
