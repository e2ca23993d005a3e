"""linkdrop.py -- drop the link in every state, 20 times each.

Each time: it exits (how soon is reported, not asserted: a busy machine decides
that), no process left in its session, under 0.2 s of CPU (work done, not time waited).
Also: the terminal's modes are the same after q and after SIGTERM as before.
SPDX-License-Identifier: MIT
"""
import atexit
import os
import shutil
import socket
import sys
import tempfile
import threading

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from ptydrive import Pty, session_alive  # noqa: E402

YIBAO = os.environ.get("YIBAO", "./yibao")
RUNS = int(os.environ.get("LINKDROP_RUNS", "20"))
tmp = tempfile.mkdtemp(prefix="yibao-linkdrop.")
atexit.register(shutil.rmtree, tmp, True)

# A lookup that never answers: a TCP listener that accepts and says nothing.
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(64)
port = listener.getsockname()[1]
held = []


def accept_forever():
    while True:
        try:
            c, _ = listener.accept()
            held.append(c)
        except OSError:
            return


threading.Thread(target=accept_forever, daemon=True).start()
ini = os.path.join(tmp, "status.ini")
with open(ini, "w") as f:
    f.write("[status]\nurl = https://127.0.0.1:%d\ntimeout_ms = 60000\n"
            "connect_timeout_ms = 60000\n" % port)

VALID_ID = "11010519491231002X"  # GB 11643 example number
STATES = {
    "menu": ([], []),
    "page": ([], ["g", "6.6", "Enter"]),
    "wizard mid-way": ([], ["1", "Enter", "1"]),
    "typing an ID": (["--config", ini], ["g", "7", "Enter", "Enter", "1101"]),
    "lookup in flight": (["--config", ini], ["g", "7", "Enter", "Enter", VALID_ID, "Enter"]),
    "during a resize": ([], ["g", "6.6", "Enter", "RESIZE"]),
}

# A link drop is no normal exit: an ASan build's leak check is off for it (its
# stop-the-world can deadlock in a process killed mid-way); the clean exits
# below keep it.
NO_LEAKS = os.environ.get("ASAN_OPTIONS", "") + ":detect_leaks=0"
failures = 0
for state, (args, keys) in STATES.items():
    worst_t, worst_cpu, bad = 0.0, 0.0, []
    for i in range(RUNS):
        p = Pty([YIBAO] + args, env={"HOME": tmp, "XDG_CONFIG_HOME": tmp, "ASAN_OPTIONS": NO_LEAKS})
        if not p.wait_for("q退出", 5):
            bad.append("run %d: no first screen" % i)
            p.kill()
            continue
        for k in keys:
            if k == "RESIZE":
                p.resize(61, 17)
                os.kill(p.pid, 28)  # SIGWINCH, then drop before it settles
            else:
                p.send(k)
        p.drop()
        t = p.wait_exit(20.0)
        if t is None:
            bad.append("run %d: still running after 20 s" % i)
            p.kill()
            continue
        cpu = p.rusage.ru_utime + p.rusage.ru_stime
        worst_t, worst_cpu = max(worst_t, t), max(worst_cpu, cpu)
        left = session_alive(p.pid)
        if cpu > 0.2:
            bad.append("run %d: %.3f s of CPU" % (i, cpu))
        if left:
            bad.append("run %d: left processes %s" % (i, left))
    if bad:
        failures += 1
        print("not ok - link drop in %s: %s" % (state, "; ".join(bad[:3])))
    else:
        print("ok - link drop in %s, %d times: exit <= %.2f s, CPU <= %.3f s, nothing left"
              % (state, RUNS, worst_t, worst_cpu))

# Terminal modes before and after each clean exit path.
for how in ("q", "SIGTERM"):
    before, after = os.path.join(tmp, "before"), os.path.join(tmp, "after")
    script = 'stty -g > %s; %s; stty -g > %s; echo DONE' % (before, YIBAO, after)
    p = Pty(["sh", "-c", script], env={"HOME": tmp, "XDG_CONFIG_HOME": tmp})
    p.wait_for("q退出", 5)
    p.send("g", "6.6", "Enter")
    if how == "q":
        p.send("q")
    else:
        # Only our own guide: the child of the sh we started, never anyone else's.
        try:
            with open("/proc/%d/task/%d/children" % (p.pid, p.pid)) as f:
                for child in f.read().split():
                    os.kill(int(child), 15)
        except OSError:
            pass
    ok = p.wait_for("DONE", 5)
    p.wait_exit(2)
    same = ok and open(before).read() == open(after).read()
    print("%s - terminal modes identical before and after %s" % ("ok" if same else "not ok", how))
    p.kill()
listener.close()
