"""kiosk_env.py -- kiosk mode reads nothing the user controls.

A copy of the guide whose system configuration (the file beside the binary,
never the real /etc) says kiosk: the user's own config (HOME, XDG_CONFIG_HOME),
YIBAO_CONFIG and a crafted terminfo (TERMINFO, TERMINFO_DIRS, ~/.terminfo) must
change nothing. Also: a TERM full of escapes is not echoed raw; content file
names with control characters reach no terminal (--check output, the kiosk
start); line-mode kiosk ignores the quit and job-control keys and is not
dumpable.
SPDX-License-Identifier: MIT
"""
import atexit
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from ptydrive import Pty  # noqa: E402

ROOT = os.getcwd()
YIBAO = os.path.abspath(os.environ.get("YIBAO", "./yibao").split()[0])
tmp = tempfile.mkdtemp(prefix="yibao-kiosk-env.")
atexit.register(shutil.rmtree, tmp, True)
fails = 0


def report(good, what, detail=""):
    global fails
    if good:
        print("ok - " + what)
    else:
        fails += 1
        print("not ok - %s%s" % (what, (": " + detail) if detail else ""))


def sysroot(name, ini=""):
    """A copy of the guide whose system config (beside it) holds ini."""
    d = os.path.join(tmp, name)
    os.makedirs(os.path.join(d, "config"))
    os.makedirs(os.path.join(d, "content"))
    shutil.copy(YIBAO, os.path.join(d, "yibao"))
    with open(os.path.join(d, "config", "yibao.ini"), "w") as f:
        f.write("[guide]\ncontent_dir = %s/content\nregions_dir = %s/config/regions\n%s"
                % (ROOT, ROOT, ini))
    return os.path.join(d, "yibao")


KIOSK = sysroot("kiosk", "kiosk = true\n")
OPEN = sysroot("open", "kiosk = false\n")
home = os.path.join(tmp, "home")
out = os.path.join(tmp, "out")
os.makedirs(os.path.join(home, ".config", "yibao"))
os.makedirs(out)
# What a hostile user writes: kiosk off, export on, a bad line to show it was read.
EVIL = "[guide]\nkiosk = false\nexport_dir = %s\nthis is not an INI line: it shows the file was read\n" % out
for p in (os.path.join(home, ".config", "yibao", "yibao.ini"), os.path.join(tmp, "evil.ini"),
          os.path.join(tmp, "xdg", "yibao", "yibao.ini")):
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f:
        f.write(EVIL)
BASE = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "HOME": home}


def run(argv, env, stdin=""):
    e = dict(BASE)
    e.update(env)
    r = subprocess.run(argv, input=stdin.encode(), capture_output=True, env=e, timeout=30)
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")


OVERRIDES = {
    "the user's ~/.config/yibao/yibao.ini": {},
    "the user's $XDG_CONFIG_HOME/yibao/yibao.ini": {"XDG_CONFIG_HOME": os.path.join(tmp, "xdg")},
    "$YIBAO_CONFIG": {"YIBAO_CONFIG": os.path.join(tmp, "evil.ini")},
}
for what, env in OVERRIDES.items():
    for binary, args, how in ((KIOSK, [], "kiosk in the system config"),
                              (OPEN, ["--kiosk"], "--kiosk")):
        for f in os.listdir(out):
            os.unlink(os.path.join(out, f))
        rc, so, se = run([binary, "--plain"] + args, env, "g 3.4\np\nq\n")
        written = os.listdir(out)
        report("自助终端模式不能导出文件" in so and not written,
               "%s: %s cannot switch kiosk off or export" % (how, what),
               "rc %d, files %s, out %r" % (rc, written, so[-300:]))
        rc, so, se = run([binary, "--check"] + args, env)
        report("not an INI line" not in so + se,
               "%s: %s is not even read (--check)" % (how, what), (so + se)[-300:])

# A crafted terminfo for the very TERM the user has: its clear and cup carry a marker.
ti = os.path.join(tmp, "terminfo")
src = subprocess.run(["infocmp", "-x", "xterm-256color"], capture_output=True, text=True).stdout
src = src.replace("clear=", "clear=PWNED", 1).replace("smcup=", "smcup=PWNED", 1)
with open(os.path.join(tmp, "evil.ti"), "w") as f:
    f.write(src)
clean = os.path.join(tmp, "clean")  # a home with nothing of the user's in it
tihome = os.path.join(tmp, "tihome")  # a home with only a crafted ~/.terminfo
os.makedirs(clean)
os.makedirs(tihome)
for d in (ti, os.path.join(tihome, ".terminfo")):
    subprocess.run(["tic", "-x", "-o", d, os.path.join(tmp, "evil.ti")], check=True,
                   capture_output=True)
TERMINFO_WAYS = {
    "TERMINFO": {"TERMINFO": ti, "HOME": clean},
    "TERMINFO_DIRS": {"TERMINFO_DIRS": ti, "HOME": clean},
    "~/.terminfo": {"HOME": tihome},
}
for what, env in TERMINFO_WAYS.items():
    for binary, args, how in ((KIOSK, [], "kiosk in the system config"),
                              (OPEN, ["--kiosk"], "--kiosk")):
        e = dict(BASE)
        e.update(env)
        e.update({"XDG_CONFIG_HOME": None, "YIBAO_CONFIG": None, "TERMINFO": e.get("TERMINFO"),
                  "TERMINFO_DIRS": e.get("TERMINFO_DIRS")})
        p = Pty([binary] + args, env=e)
        shown = p.wait_for("城乡居民医保办事指南", 5)
        p.send("q")
        p.wait_exit(3)
        p.kill()
        report(shown and b"PWNED" not in p.out,
               "%s: a terminfo from %s is not used" % (how, what),
               "marker sent" if b"PWNED" in p.out else "no home screen")

# TERM full of escapes: the warning names it without them.
p = Pty([OPEN], env={"HOME": clean, "TERM": "x\x1b]0;EVIL\x07\x1b[2J"})
p.wait_for("line mode", 5)
p.send("q", "Enter")
p.wait_exit(3)
p.kill()
report(b"\x1b]0;EVIL" not in p.out and b"\x07" not in p.out and b"line mode" in p.out,
       "an unknown TERM is named without its control characters", repr(p.out[:200]))

# Content file names with control characters: not in --check output, and in kiosk
# mode the problems go to the log, not the resident's screen.
cdir = os.path.join(tmp, "content")
shutil.copytree(os.path.join(ROOT, "content"), cdir)
evil_name = "99-\x1b]0;EVIL\x07\x1b[2J\x9b31m.md"
with open(os.path.join(cdir, evil_name), "w") as f:
    f.write("---\ncode: 99\nid: evil\ntitle: evil\nkind: bogus\n---\nbody\n")
rc, so, se = run([OPEN, "--check", "--content", cdir], {})
both = (so + se).encode("utf-8", "surrogateescape")
report(rc == 1 and b"\x1b" not in both and b"\x07" not in both and b"99-" in both,
       "--check names a file with control characters without them", repr(both[-200:]))
p = Pty([KIOSK, "--content", cdir], env={"HOME": clean})
shown = p.wait_for("城乡居民医保办事指南", 5)
p.send("q")
p.wait_exit(3)
p.kill()
report(shown and b"\x1b]0;EVIL" not in p.out and b"99-" not in p.out,
       "kiosk: content problems are not printed on the resident's screen",
       repr(p.out[:300]))

# Line-mode kiosk is hardened like the full screen: quit, interrupt and
# job-control keys are ignored, the process keeps running.
p = Pty([KIOSK], env={"HOME": clean, "TERM": "dumb"})
p.wait_for("> ", 5)
with open("/proc/%d/status" % p.pid) as f:
    ign = int([ln.split()[1] for ln in f if ln.startswith("SigIgn:")][0], 16)
want = (1 << (signal.SIGQUIT - 1)) | (1 << (signal.SIGINT - 1)) | (1 << (signal.SIGTSTP - 1))
report(ign & want == want, "line-mode kiosk ignores Ctrl-\\, Ctrl-C and Ctrl-Z", "SigIgn %x" % ign)
p.send(b"\x1c")
time.sleep(0.3)
alive = p.wait_exit(0.2) is None
report(alive, "line-mode kiosk: Ctrl-\\ does not kill it", "exit status %s" % p.status)
if alive:
    p.send("q", "Enter")
    p.wait_exit(3)
    p.kill()
# ... and not dumpable: another process of the same user cannot read its memory.
os.chmod(tmp, 0o755)
os.chmod(clean, 0o755)
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
p = Pty(NOBODY + [KIOSK], env={"HOME": clean, "TERM": "dumb"})
p.wait_for("> ", 5)
r = subprocess.run(NOBODY + ["head", "-c", "1", "/proc/%d/environ" % p.pid],
                   capture_output=True)
report(r.returncode != 0 and b"ermission denied" in r.stderr,
       "line-mode kiosk is not dumpable (its own user cannot read its memory)",
       "rc %d %r" % (r.returncode, r.stderr[:200]))
p.send("q", "Enter")
p.wait_exit(3)
p.kill()
print("# %d failed" % fails)
if os.environ.get("KEEP"): atexit.unregister(shutil.rmtree); print(tmp)
