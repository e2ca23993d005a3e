#!/usr/bin/env python3
"""bench.py -- what yibao costs per keystroke, next to whiptail and dialog; scale and load

usage: bench.py --ptyrun PATH [--yibao ./yibao] [--out build/bench.json]
                [--repeat 5] [--screens 1000] [--sessions 100] [--quick]

Run from the project root (make bench does). Python 3 standard library, plus
python3-pyte to check what the screens showed. Every figure is measured at
80x24, TERM=xterm-256color, LANG=C.UTF-8, a fresh empty HOME, and reported as
is: nothing here asserts a timing.

  per program   ./yibao on the home menu with the shipped content, the same with
                [display] marker = true, and whiptail --menu / dialog --menu
                with the same seven items: bytes to the first full screen, per
                selection move (Down), write(2) calls per Down (strace -f,
                target 1: each write is a TCP segment on an ssh link), per
                page scroll (PgDn on the longest
                page), per line scroll (Down on it), per screen change (Enter,
                Left), per resize (80x24 -> 100x30); start to first settled
                screen (median of --repeat runs); peak RSS (VmHWM); private
                memory per session (Private_Clean + Private_Dirty of
                smaps_rollup, two sessions running)
  generated     a content set of --screens screens (gen_content.py) given as a
                directory (packed in memory at each start): --check time, load
                time (start to first settled screen), memory
  bundle        for each size of --scale (1000,10000 screens): --pack time and
                bundle size, start to first settled screen on the bundle, peak
                RSS and its anonymous part, private memory per session (two
                running), a search (/ query Enter: key to settled screen, and
                the CPU time of guide_search alone), and the signature check
                of a 2 MiB file and of each bundle (CPU time, bundle_bench),
                printed next to the figures before the bundle (TODAY); start to
                first settled screen with the bundle as a signed update in
                [update] state_dir
  load          --sessions sessions at once, each on its own pty, touring every
                topic of the home menu (open, into a menu's first entry and
                back, back home) with small pauses: per-key latency p50/p95/p99,
                first screen under load, peak RSS per session, failures (exit
                not 0, or a screen that never showed the expected title)

Single-program figures come from ptyrun.py (one run per scenario). It is run
with `python3 -S`, without pyte: its screen capture raises on yibao's output
(pyte 0.8 leaves an empty cell where a wide character's half was overwritten,
and Screen.display indexes it), and pyte lacks the SU/SD/REP sequences ncurses
uses with xterm-256color. Screens are checked here instead, replaying each
step's output (--dump) through ptydrive.VT, which adds them.

SPDX-License-Identifier: MIT
"""
import argparse
import importlib.util
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import gen_content  # noqa: E402
import ptydrive  # noqa: E402

SIZE = (80, 24)
# Before the bundle (every session parsed every file at start): issue 14.
TODAY = {1000: {"start_ms": 45, "private_kib": 4.4 * 1024},
         10000: {"start_ms": 348, "private_kib": 41 * 1024}}
SEARCH_QUERY = "异地就医"  # a subject gen_content uses: about 1 screen in 8
RESIZE = "100x30"
QUIET_MS = 150

# The seven entries of the home menu, as whiptail/dialog menu items.
HOME_ITEMS = [
    ("1", "谁能参保  回答几个问题,看你能不能参保、交多少钱"),
    ("2", "要带的材料  按你的情况列出要准备的东西"),
    ("3", "怎么缴费  手机、银行、税务、现场等缴费办法"),
    ("4", "领医保卡与电子凭证  交钱以后怎么拿卡、怎么用"),
    ("5", "看病怎么报销  报销比例、计算器、出院结算、外地看病"),
    ("6", "注意事项  缴费期、断缴、户口迁移、职工医保对比"),
    ("7", "查询办理进度  查参保、缴费、医保卡、报销办到哪一步"),
]
HOME_TITLE = "城乡居民医保办事指南"
HOME_TEXT = "按数字键选择。"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def clean_env(home):
    """The environment every program gets: no user config, no locale leftovers."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("LC_") and k not in ("COLUMNS", "LINES", "YIBAO_CONFIG",
                                                    "XDG_CONFIG_HOME", "NO_COLOR")}
    env.update(TERM="xterm-256color", LANG="C.UTF-8", HOME=home, ESCDELAY="25")
    return env


def median(xs):
    xs = [x for x in xs if x is not None]
    return round(statistics.median(xs), 1) if xs else None


def outside(pid):
    """Peak RSS (VmHWM) of pid less what of the bundle is mapped in, or None."""
    h = ptydrive.proc_kib(pid, "status", "VmHWM")
    m = ptydrive.mapping_rss_kib(pid, ".bundle")
    return None if h is None or m is None else h - m


def mean(xs):
    xs = [x for x in xs if x is not None]
    return round(statistics.mean(xs), 1) if xs else None


def pct(xs, p):
    """p-th percentile (nearest rank) of xs."""
    xs = sorted(x for x in xs if x is not None)
    if not xs:
        return None
    k = max(0, min(len(xs) - 1, int(round(p / 100 * len(xs) + 0.5)) - 1))
    return round(xs[k], 1)


class Bench:
    def __init__(self, args):
        self.a = args
        self.ptyrun_mod = ptydrive.load_ptyrun(args.ptyrun)
        self.tmp = tempfile.mkdtemp(prefix="yibao-bench-")
        self.home = os.path.join(self.tmp, "home")
        os.makedirs(self.home)
        self.env = clean_env(self.home)
        self.notes = []
        self.sighup_retries = 0
        self.have_pyte = importlib.util.find_spec("pyte") is not None
        if not self.have_pyte:
            self.notes.append("python3-pyte missing: screens not checked")

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    # -- one program, one scenario, through ptyrun.py ---------------------------
    def ptyrun(self, argv, steps, quiet_ms=QUIET_MS, timeout=60):
        """One ptyrun.py run. A run whose program died of SIGHUP before it showed
        anything is retried (twice at most) and counted: yibao asks for SIGHUP
        when its parent dies, and ptyrun's launcher (setsid -f) is a parent that
        exits at once, so that can fire on a start that loses the race."""
        cmd = [sys.executable, "-S", self.a.ptyrun, "--size", "%dx%d" % SIZE,
               "--quiet-ms", str(quiet_ms), "--timeout", str(timeout), "--dump",
               "--env", "ESCDELAY=25", "--env", "HOME=" + self.home]
        for s in steps:
            cmd += ["-k", s]
        cmd += ["--"] + argv
        for _ in range(3):
            p = subprocess.run(cmd, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=timeout + 30)
            if p.returncode != 0:
                raise RuntimeError("ptyrun failed: %s\n%s" % (" ".join(argv), p.stderr.decode()[-2000:]))
            rep = json.loads(p.stdout)
            if rep["exit"] == {"signal": "SIGHUP"} and not rep["first_screen"]["bytes"]:
                self.sighup_retries += 1
                continue
            break
        return rep

    def screens(self, rep):
        """The screen after the first output and after each step. -> list of row lists"""
        if not self.have_pyte:
            return None
        vt = ptydrive.VT(*SIZE)
        vt.feed(rep["first_screen"].get("output", "").encode("utf-8", "replace"))
        out = [vt.lines()]
        for st in rep["steps"]:
            if st["keys"].startswith("<resize:"):
                c, r = st["keys"][8:-1].split("x")
                vt.resize(int(c), int(r))
            vt.feed(st.get("output", "").encode("utf-8", "replace"))
            out.append(vt.lines())
        return out

    def expect(self, label, rows, text):
        """Note it when a screen did not show text."""
        if rows is None:
            return True
        if any(text in r for r in rows):
            return True
        self.notes.append("%s: the screen did not show %r" % (label, text))
        return False

    @staticmethod
    def step_bytes(rep, keys):
        return [s["bytes"] for s in rep["steps"] if s["keys"] == keys and s.get("bytes") is not None]

    @staticmethod
    def step_ms(rep, keys):
        return [s["latency_ms"] for s in rep["steps"] if s["keys"] == keys and s.get("latency_ms") is not None]

    def resize_bytes(self, rep):
        """A resize step and the wait after it (dialog repaints ~0.5 s late)."""
        total, on = 0, False
        for s in rep["steps"]:
            if s["keys"].startswith("<resize:"):
                on = True
                total += s.get("bytes") or 0
            elif on and s["keys"].startswith("<wait:"):
                total += s.get("bytes") or 0
                on = False
        return total

    def start_runs(self, argv, quit_key):
        """Runs that only start and quit, for the start time; one that showed nothing is noted."""
        reps = [self.ptyrun(argv, ["<wait:200>", quit_key]) for _ in range(self.a.repeat)]
        for r in reps:
            if not r["first_screen"]["bytes"]:
                self.notes.append("%s: a start showed nothing (%s, exit %s, %s bytes in all)"
                                  % (" ".join(argv[:1]), r["first_screen"], r["exit"], r["total_bytes"]))
        return reps

    def private_two(self, argv, quit_key):
        """Two sessions side by side, after a Down: the mean of Private_Clean+Private_Dirty,
        VmRSS and RssAnon, and the larger peak RSS outside the bundle mapping (the issue's
        peak is "3.5 MiB plus the shared mapping"; the mapping only grows, so what of it is
        mapped in now was there at the peak too)."""
        sess = [ptydrive.Session(self.ptyrun_mod, argv, self.env, *SIZE) for _ in range(2)]
        try:
            ptydrive.settle(sess, QUIET_MS / 1000, 5)
            for s in sess:
                s.send("<Down>")
            ptydrive.settle(sess, QUIET_MS / 1000, 5)
            fig = {"private_kib": mean(ptydrive.private_kib(s.pid) for s in sess),
                   "rss_kib": mean(ptydrive.proc_kib(s.pid, "status", "VmRSS") for s in sess),
                   "rss_anon_kib": mean(ptydrive.proc_kib(s.pid, "status", "RssAnon")
                                        for s in sess),
                   "vmhwm_outside_kib": max((outside(s.pid) for s in sess), default=None,
                                            key=lambda v: v or 0)}
            for s in sess:
                s.send(quit_key)
            ptydrive.settle(sess, QUIET_MS / 1000, 3)
        finally:
            for s in sess:
                s.kill()
                s.close()
        return fig

    def writes_per_key(self, argv, quit_key, keys, n=6):
        """write(2) calls to the terminal per keystroke: strace -f counts them in a
        run that only starts and quits and in one that also presses keys n times;
        the difference over n. None when strace is missing."""
        if shutil.which("strace") is None:
            return None
        counts = []
        for steps in ([], keys * n):
            log_path = os.path.join(self.tmp, "strace.log")
            traced = ["strace", "-f", "-qq", "-e", "trace=write", "-o", log_path] + argv
            self.ptyrun(traced, ["<wait:300>"] + [s for k in steps for s in (k, "<wait:200>")] +
                        [quit_key])
            with open(log_path, encoding="utf-8", errors="replace") as f:
                counts.append(sum(1 for line in f if line.split(None, 1)[-1].startswith("write(1,")))
            os.unlink(log_path)
        return round((counts[1] - counts[0]) / (n * len(keys)), 2)

    def menu_program(self, name, argv, quit_key, full):
        """Every figure for one program showing the home menu."""
        log("bench: %s" % name)
        fig = {"command": argv}
        starts = self.start_runs(argv, quit_key)
        fig["first_screen_bytes"] = max(r["first_screen"]["bytes"] for r in starts)
        fig["start_ms"] = median(r["first_screen"]["settle_ms"] for r in starts)
        fig["start_ms_runs"] = [r["first_screen"]["settle_ms"] for r in starts]

        rep = self.ptyrun(argv, ["<Down>*6", "<resize:%s>" % RESIZE, "<wait:1000>",
                                 "<resize:%dx%d>" % SIZE, "<wait:1000>", quit_key])
        scr = self.screens(rep)
        if scr:
            self.expect(name + " first screen", scr[0], "谁能参保")
        fig["move_bytes"] = mean(self.step_bytes(rep, "<Down>"))
        fig["move_ms"] = median(self.step_ms(rep, "<Down>"))
        fig["resize_bytes"] = round(self.resize_bytes(rep) / 2, 1)
        fig["move_writes"] = self.writes_per_key(argv, quit_key, ["<Down>"])
        fig["vmhwm_kib"] = rep["vmhwm_kib"]
        fig["exit"] = rep["exit"]
        if full:
            # Screen changes: into the third entry (a menu) and back, twice.
            rep2 = self.ptyrun(argv, ["<Down>", "<Down>", "<Enter>", "<Left>", "<Enter>", "<Left>",
                                      quit_key])
            scr = self.screens(rep2)
            if scr:
                self.expect(name + " Enter", scr[3], "怎么缴费")
                self.expect(name + " Left", scr[4], HOME_TITLE)
            fig["enter_bytes"] = mean(self.step_bytes(rep2, "<Enter>"))
            fig["left_bytes"] = mean(self.step_bytes(rep2, "<Left>"))
            fig["enter_ms"] = median(self.step_ms(rep2, "<Enter>"))
            # A long page: line scrolls from the top, then page scrolls to the end.
            code, title, nlines = self.longest
            npg = max(1, -(-nlines // (SIZE[1] - 3)))
            rep3 = self.ptyrun(argv, ["g", code, "<Enter>", "<Down>*5", "<Home>"] +
                               ["<PgDn>"] * (npg + 1) + [quit_key])
            scr = self.screens(rep3)
            if scr:
                self.expect(name + " page " + code, scr[3][:1], code)
            fig["page"] = "%s (%d lines at 80 columns)" % (code, nlines)
            fig["line_bytes"] = mean(self.step_bytes(rep3, "<Down>"))
            pg = [b for b in self.step_bytes(rep3, "<PgDn>") if b > 0]
            fig["page_bytes"] = mean(pg)
            fig["page_scrolls"] = len(pg)
            fig["total_bytes_page_run"] = rep3["total_bytes"]
        fig.update(self.private_two(argv, quit_key))
        return fig

    def find_longest_page(self, yibao):
        """The page with the most lines at 80 columns (--print), for page scrolls."""
        lst = subprocess.run([yibao, "--list"], env=self.env, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, check=True).stdout.decode()
        best = ("6.6", "", 0)
        self.screens_list = []
        for line in lst.splitlines():
            parts = line.split("\t")
            if len(parts) < 4:
                continue
            code, sid, kind, title = parts[:4]
            self.screens_list.append((code, sid, kind, title))
            if kind != "page":
                continue
            out = subprocess.run([yibao, "--print", code], env=dict(self.env, COLUMNS="80"),
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
            n = out.decode("utf-8", "replace").count("\n")
            if n > best[2]:
                best = (code, title, n)
        return best

    # -- scale: a generated content set ----------------------------------------
    def generated(self, yibao):
        d = os.path.join(self.tmp, "content-%d" % self.a.screens)
        n = gen_content.generate(d, self.a.screens, 1)
        log("bench: generated %d screens" % n)
        fig = {"screens": n, "bytes_on_disk": sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d))}
        t = time.monotonic()
        p = subprocess.run([yibao, "--check", "--content", d], env=self.env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        fig["check_ms"] = round((time.monotonic() - t) * 1000, 1)
        fig["check_exit"] = p.returncode
        if p.returncode != 0:
            self.notes.append("generated content fails --check: " + p.stderr.decode()[:500])
        argv = [yibao, "--content", d]
        starts = self.start_runs(argv, "q")
        fig["first_screen_bytes"] = max(r["first_screen"]["bytes"] for r in starts)
        fig["start_ms"] = median(r["first_screen"]["settle_ms"] for r in starts)
        fig["start_ms_runs"] = [r["first_screen"]["settle_ms"] for r in starts]
        fig["vmhwm_kib"] = max(r["vmhwm_kib"] or 0 for r in starts)
        fig.update(self.private_two(argv, "q"))
        return fig

    # -- the bundle at scale (issue 14) ----------------------------------------
    def bundle_bench(self, *args):
        """bundle_bench lines -> {name: (best_ms, median_ms, extra)}."""
        if not self.a.bundle_bench or not os.path.exists(self.a.bundle_bench):
            self.notes.append("bundle_bench not built: no CPU-time figures")
            return {}
        p = subprocess.run([self.a.bundle_bench] + list(args), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=self.env)
        if p.returncode != 0:
            self.notes.append("bundle_bench %s failed: %s" % (args[0], p.stderr.decode()[:300]))
        out = {}
        for line in p.stdout.decode().splitlines():
            parts = line.split()
            if len(parts) >= 3:
                out[parts[0]] = (float(parts[1]), float(parts[2]), parts[3] if len(parts) > 3 else "")
        return out

    def sign(self, path):
        """Sign path with a throw-away minisign key; -> the public key, or None."""
        if shutil.which("minisign") is None:
            self.notes.append("minisign is not installed: no signature figures")
            return None
        key = os.path.join(self.tmp, "bench.key")
        pub = os.path.join(self.tmp, "bench.pub")
        if not os.path.exists(key):
            subprocess.run(["minisign", "-G", "-W", "-p", pub, "-s", key], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=True)
        subprocess.run(["minisign", "-S", "-s", key, "-m", path], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=True)
        with open(pub) as f:
            return f.read().splitlines()[1]

    def bundle_scale(self, yibao, screens):
        d = os.path.join(self.tmp, "bundle-content-%d" % screens)
        n = gen_content.generate(d, screens, 1)
        out = os.path.join(self.tmp, "bench-%d.bundle" % screens)
        log("bench: bundle of %d screens" % n)
        fig = {"screens": n}
        t = time.monotonic()
        p = subprocess.run([yibao, "--pack", out, "--content", d], env=self.env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        fig["pack_ms"] = round((time.monotonic() - t) * 1000, 1)
        if p.returncode != 0:
            self.notes.append("--pack of %d screens failed: %s" % (n, p.stderr.decode()[:500]))
            return fig
        fig["bundle_bytes"] = os.path.getsize(out)
        argv = [yibao, "--content", out]
        starts = self.start_runs(argv, "q")
        fig["start_ms"] = median(r["first_screen"]["settle_ms"] for r in starts)
        fig["start_ms_runs"] = [r["first_screen"]["settle_ms"] for r in starts]
        fig["vmhwm_kib"] = max(r["vmhwm_kib"] or 0 for r in starts)
        fig.update(self.private_two(argv, "q"))
        rep = self.ptyrun(argv, ["/", SEARCH_QUERY, "<Enter>", "<wait:300>", "q"], timeout=60)
        fig["search_key_ms"] = median(self.step_ms(rep, "<Enter>"))
        scr = self.screens(rep)
        if scr:
            self.expect("search in %d screens" % n, scr[3], "搜索")
        bb = self.bundle_bench("search", out, SEARCH_QUERY)
        s = bb.get("search:" + SEARCH_QUERY)
        if s:
            fig["search_cpu_ms"], fig["search_hits"] = s[1], int(s[2] or 0)
        pub = self.sign(out)
        if pub:
            v = self.bundle_bench("verify", out, out + ".minisig", pub).get("verify")
            if v:
                fig["verify_cpu_ms"] = v[1]
            # The same bundle as a signed update in [update] state_dir: verified at start
            # (over 2 MiB: in a thread while the terminal starts; nothing of it is drawn
            # before the check ends, so this is about the hash's time, issue 19).
            state = os.path.join(self.tmp, "state-%d" % screens)
            os.makedirs(state, exist_ok=True)
            shutil.copy(out, os.path.join(state, "yibao.bundle"))
            shutil.copy(out + ".minisig", os.path.join(state, "yibao.bundle.minisig"))
            ini = os.path.join(self.tmp, "signed-%d.ini" % screens)
            with open(ini, "w") as f:
                f.write("[update]\nstate_dir = %s\npublic_key = %s\n" % (state, pub))
            starts = self.start_runs([yibao, "--config", ini], "q")
            fig["signed_start_ms"] = median(r["first_screen"]["settle_ms"] for r in starts)
            # As the package installs it: yibao --install-update (root's step) copies,
            # verifies and stamps it in a state_dir only root writes; a session then
            # opens those very bytes without hashing them again (docs/publishing.md).
            if os.geteuid() == 0:
                dl = os.path.join(self.tmp, "dl-%d" % screens)
                rstate = os.path.join(self.tmp, "rstate-%d" % screens)
                os.makedirs(dl, exist_ok=True)
                os.makedirs(rstate, exist_ok=True)
                shutil.copy(out, os.path.join(dl, "yibao.bundle"))
                shutil.copy(out + ".minisig", os.path.join(dl, "yibao.bundle.minisig"))
                rini = os.path.join(self.tmp, "root-%d.ini" % screens)
                with open(rini, "w") as f:
                    f.write("[update]\nstate_dir = %s\ndownload_dir = %s\npublic_key = %s\n"
                            % (rstate, dl, pub))
                p = subprocess.run([yibao, "--config", rini, "--install-update"], env=self.env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                if p.returncode == 0:
                    starts = self.start_runs([yibao, "--config", rini], "q")
                    fig["installed_start_ms"] = median(r["first_screen"]["settle_ms"] for r in starts)
                else:
                    self.notes.append("--install-update of %d screens failed: %s"
                                      % (screens, p.stderr.decode()[:300]))
            else:
                self.notes.append("not root: no figure for a bundle installed by root's step")
        return fig

    def verify_2mib(self):
        """The signature check of a 2 MiB file (the issue's figure)."""
        path = os.path.join(self.tmp, "two.mib")
        with open(path, "wb") as f:
            f.write(random.Random(14).randbytes(2 * 1024 * 1024))
        pub = self.sign(path)
        if not pub:
            return None
        v = self.bundle_bench("verify", path, path + ".minisig", pub).get("verify")
        return {"best_ms": v[0], "median_ms": v[1]} if v else None

    def update_check(self, yibao):
        """An unchanged `yibao --update` check on the wire (tests/bench/update_check.py)."""
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "update_check.py")
        p = subprocess.run([sys.executable, script, "--yibao", yibao, "--json"], env=self.env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        if p.returncode != 0:
            self.notes.append("update check failed: %s" % p.stderr.decode()[-500:])
            return None
        return json.loads(p.stdout.decode().strip().splitlines()[-1])

    # -- load: many sessions at once -------------------------------------------
    def tour(self):
        """Steps and the code each should show: every home entry, a menu's first entry."""
        titles = {c: t for c, _, _, t in self.screens_list}
        kinds = {c: k for c, _, k, _ in self.screens_list}
        home = [c for c, _, _, _ in self.screens_list if c.isdigit() and c != "0"][:9]
        steps = []
        for c in home:
            steps.append((c, c, titles[c]))
            if kinds[c] == "menu":
                kids = [k for k, _, _, _ in self.screens_list
                        if k.startswith(c + ".") and k.count(".") == c.count(".") + 1]
                if kids:
                    steps.append(("<Enter>", kids[0], titles[kids[0]]))
                    steps.append(("<Left>", c, titles[c]))
            steps.append(("<Left>", "0", titles.get("0", HOME_TITLE)))
        return steps

    def load(self, yibao, argv=None, cap=10.0, gap=0.0, sample=None):
        """The load test. argv: what each session runs (default [yibao]; tests/bench/fleet.py
        gives an ssh command); cap: seconds a screen may take; gap: seconds between
        launches; sample(now): called on every turn of the loop (fleet.py reads memory)."""
        n = self.a.sessions
        steps = self.tour()
        log("bench: load, %d sessions x %d keys" % (n, len(steps) + 1))
        quiet, deadline = QUIET_MS / 1000, time.monotonic() + self.a.load_timeout
        rng = random.Random(7)
        sess, state = [], []
        t_start = time.monotonic()
        for i in range(n):
            s = ptydrive.Session(self.ptyrun_mod, argv or [yibao], self.env, *SIZE)
            sess.append(s)
            state.append({"i": 0, "phase": "start", "sent": None, "mark": 0, "next": None,
                          "lat": [], "first": [], "checks": [], "first_screen_ms": None,
                          "vmhwm": None, "private": None, "noresp": 0})
            ptydrive.pump(sess, gap)
        launch_ms = round((time.monotonic() - t_start) * 1000)
        while time.monotonic() < deadline:
            now = ptydrive.pump(sess, 0.005)
            if sample is not None:
                sample(now)
            busy = False
            for s, st in zip(sess, state):
                ph = st["phase"]
                if ph == "done":
                    continue
                busy = True
                if ph == "start":
                    if s.last_byte and now - s.last_byte >= quiet:
                        st["first_screen_ms"] = (s.last_byte - s.t0) * 1000
                        st["checks"].append((len(s.out), "0", HOME_TITLE))
                        st["phase"], st["next"] = "think", now + rng.uniform(0.02, 0.2)
                    elif now - s.t0 > cap or s.eof:
                        st["phase"] = "done"  # never settled: a failure (no checks pass)
                elif ph == "think" and now >= st["next"]:
                    if st["i"] == len(steps):  # the quit step: memory first
                        st["vmhwm"] = ptydrive.proc_kib(s.pid, "status", "VmHWM")
                        st["private"] = ptydrive.private_kib(s.pid)
                        try:
                            s.send("q")
                        except OSError:
                            pass
                        st["phase"], st["sent"] = "quit", now
                        continue
                    try:
                        st["sent"] = s.send(steps[st["i"]][0])
                    except OSError:
                        st["phase"] = "done"
                        continue
                    st["mark"], st["phase"] = len(s.out), "await"
                elif ph == "await":
                    got = len(s.out) > st["mark"]
                    if got and now - s.last_byte >= quiet:
                        st["lat"].append((s.last_byte - st["sent"]) * 1000)
                        st["first"].append((s.first_after(st["mark"]) - st["sent"]) * 1000)
                    elif not got and now - st["sent"] >= cap:
                        st["noresp"] += 1
                    else:
                        continue
                    _, code, title = steps[st["i"]]
                    st["checks"].append((len(s.out), code, title))
                    st["i"] += 1
                    st["phase"], st["next"] = "think", now + rng.uniform(0.02, 0.2)
                elif ph == "quit":
                    if s.reap() or now - st["sent"] > cap:
                        st["phase"] = "done"
            if not busy:
                break
        wall = time.monotonic() - t_start
        for s in sess:
            s.kill()
            s.close()
        # Afterwards: replay each session's output and check every screen.
        fails, bad_screens, bad_exit, hup = 0, 0, 0, 0
        examples = []
        for s, st in zip(sess, state):
            ok_exit = s.exit_code() == 0
            ok_screens = st["i"] == len(steps)
            if self.have_pyte and st["checks"]:
                vt, pos = ptydrive.VT(*SIZE), 0
                for off, code, title in st["checks"]:
                    vt.feed(s.out[pos:off])
                    pos = off
                    rows = vt.lines()
                    top = rows[0].split() if rows else []
                    if not top or top[0] != code or title[:4] not in rows[0]:
                        ok_screens = False
                        if len(examples) < 3:
                            examples.append("session %d: expected %s %s, top line %r"
                                            % (sess.index(s), code, title, rows[0] if rows else ""))
                        break
            if not ok_exit and len(examples) < 3:
                examples.append("session %d: exit %s after %d of %d keys, %d bytes of output: %r"
                                % (sess.index(s), s.exit_code(), st["i"], len(steps), len(s.out),
                                   bytes(s.out[:200])))
            bad_exit += not ok_exit
            bad_screens += not ok_screens
            hup += s.exit_code() == -1 and not s.out
            fails += not (ok_exit and ok_screens)
        lat = [x for st in state for x in st["lat"]]
        first = [x for st in state for x in st["first"]]
        cpu = [s.cpu_ms for s in sess if s.cpu_ms is not None]
        fig = {
            "sessions": n, "keys_per_session": len(steps) + 1, "keys_measured": len(lat),
            "wall_s": round(wall, 1), "launch_ms": launch_ms,
            "latency_ms": {"p50": pct(lat, 50), "p95": pct(lat, 95), "p99": pct(lat, 99),
                           "max": round(max(lat), 1) if lat else None},
            "first_byte_ms": {"p50": pct(first, 50), "p95": pct(first, 95), "p99": pct(first, 99)},
            "first_screen_ms": {"p50": pct([st["first_screen_ms"] for st in state], 50),
                                "p95": pct([st["first_screen_ms"] for st in state], 95)},
            "vmhwm_kib": {"mean": mean(st["vmhwm"] for st in state),
                          "max": max((st["vmhwm"] or 0) for st in state)},
            "private_kib": {"mean": mean(st["private"] for st in state)},
            "cpu_ms_per_session": {"mean": mean(cpu), "max": round(max(cpu), 1) if cpu else None},
            "no_response_keys": sum(st["noresp"] for st in state),
            "failures": fails, "bad_exit": bad_exit, "bad_screen": bad_screens,
            "sighup_before_output": hup,
            "failure_examples": examples,
        }
        return fig


def fmt(v, unit=""):
    if v is None:
        return "n/a"
    if isinstance(v, float):
        v = ("%.0f" % v) if abs(v) >= 100 else ("%.1f" % v)
    return "%s%s" % (v, unit)


def ratio(a, b):
    if a is None or b in (None, 0):
        return None
    return round(a / b, 2)


def table(res):
    out = []
    p = res["programs"]
    cols = ["yibao", "yibao marker", "whiptail", "dialog"]
    rows = [
        ("bytes to first full screen", "first_screen_bytes", "B"),
        ("bytes per selection move (Down)", "move_bytes", "B"),
        ("write(2) calls per Down (target 1)", "move_writes", ""),
        ("bytes per page scroll (PgDn)", "page_bytes", "B"),
        ("bytes per line scroll (Down on a page)", "line_bytes", "B"),
        ("bytes per screen change (Enter)", "enter_bytes", "B"),
        ("bytes per screen change (Left)", "left_bytes", "B"),
        ("bytes per resize (80x24<->100x30)", "resize_bytes", "B"),
        ("start to first settled screen", "start_ms", " ms"),
        ("key to settled screen (Down)", "move_ms", " ms"),
        ("peak RSS (VmHWM)", "vmhwm_kib", " KiB"),
        ("  less the bundle mapping", "vmhwm_outside_kib", " KiB"),
        ("private memory per session (2 running)", "private_kib", " KiB"),
    ]
    w0 = max(len(r[0]) for r in rows) + 2
    out.append("%-*s" % (w0, "80x24, shipped content, home menu") +
               "".join("%14s" % c for c in cols) + "%12s%12s" % ("y/whiptail", "y/dialog"))
    for label, key, unit in rows:
        vals = [p[c].get(key) for c in cols]
        out.append("%-*s" % (w0, label) + "".join("%14s" % fmt(v, unit) for v in vals) +
                   "%12s%12s" % (fmt(ratio(vals[0], vals[2])), fmt(ratio(vals[0], vals[3]))))
    out.append("  (page: %s; resize figure is the mean of the two resizes)" % p["yibao"].get("page"))
    g = res.get("generated")
    if g:
        out.append("")
        out.append("generated content: %d screens, %d KiB on disk, as a directory (--content DIR:"
                   " packed in memory at each start, the authors' preview)" % (g["screens"], g["bytes_on_disk"] // 1024))
        out.append("  --check                          %s (exit %s)" % (fmt(g["check_ms"], " ms"), g["check_exit"]))
        out.append("  start to first settled screen    %s   (shipped: %s)" % (fmt(g["start_ms"], " ms"), fmt(p["yibao"]["start_ms"], " ms")))
        out.append("  bytes to first full screen       %s" % fmt(g["first_screen_bytes"], " B"))
        out.append("  peak RSS (VmHWM)                 %s   (shipped: %s)" % (fmt(g["vmhwm_kib"], " KiB"), fmt(p["yibao"]["vmhwm_kib"], " KiB")))
        out.append("  private memory per session       %s   (shipped: %s)" % (fmt(g["private_kib"], " KiB"), fmt(p["yibao"]["private_kib"], " KiB")))
    bs = res.get("bundle")
    if bs:
        out.append("")
        out.append("content bundle (issue 14): generated content, --content BUNDLE; \"today\" = every file parsed at start")
        out.append("  %-36s" % "screens" + "".join("%28s" % ("%d" % f["screens"]) for f in bs["scale"]))
        rows = [("start to first settled screen", "start_ms", " ms", "start_ms"),
                ("  the same as a signed update", "signed_start_ms", " ms", None),
                ("  the same installed by root's step (stamped)", "installed_start_ms", " ms", None),
                ("private memory per session (2 run)", "private_kib", " KiB", "private_kib"),
                ("peak RSS (VmHWM)", "vmhwm_kib", " KiB", None),
                ("  less the bundle mapping (<= 3584)", "vmhwm_outside_kib", " KiB", None),
                ("  of which anonymous (RssAnon)", "rss_anon_kib", " KiB", None),
                ("search (/ query Enter, key->screen)", "search_key_ms", " ms", None),
                ("search (guide_search, CPU)", "search_cpu_ms", " ms", None),
                ("--pack", "pack_ms", " ms", None),
                ("bundle size", "bundle_bytes", "", None),
                ("signature check of the bundle (CPU)", "verify_cpu_ms", " ms", None)]
        for label, key, unit, today in rows:
            cells = []
            for f in bs["scale"]:
                v = f.get(key)
                if key == "bundle_bytes" and v is not None:
                    cell = "%.1f MiB" % (v / 1048576)
                else:
                    cell = fmt(v, unit)
                t = TODAY.get(f["screens"], {}).get(today) if today else None
                if t is not None:
                    cell += " (today %s)" % fmt(t, unit)
                cells.append(cell)
            out.append("  %-36s" % label + "".join("%28s" % c for c in cells))
        v2 = bs.get("verify_2mib")
        if v2:
            out.append("  signature check of 2 MiB (CPU)      best %s, median %s  (target < 5 ms)"
                       % (fmt(v2["best_ms"], " ms"), fmt(v2["median_ms"], " ms")))
        uc = bs.get("update_check")
        if uc:
            out.append("  unchanged --update check            %d bytes on the wire (TLS included: "
                       "%d up, %d down), %d request(s), exit %s"
                       % (uc["bytes"], uc["up"], uc["down"], uc["requests"],
                          "/".join(str(e) for e in sorted(set(uc["exits"])))))
    ld = res.get("load")
    if ld:
        out.append("")
        out.append("load: %d sessions at once on %d cores, %d keys each (tour of every topic), %s s wall"
                   % (ld["sessions"], res["meta"]["cores"], ld["keys_per_session"], fmt(ld["wall_s"])))
        la = ld["latency_ms"]
        out.append("  key to settled screen            p50 %s  p95 %s  p99 %s  max %s  (%d keys)"
                   % (fmt(la["p50"], " ms"), fmt(la["p95"], " ms"), fmt(la["p99"], " ms"),
                      fmt(la["max"], " ms"), ld["keys_measured"]))
        fb = ld["first_byte_ms"]
        out.append("  key to first byte                p50 %s  p95 %s  p99 %s"
                   % (fmt(fb["p50"], " ms"), fmt(fb["p95"], " ms"), fmt(fb["p99"], " ms")))
        fs = ld["first_screen_ms"]
        out.append("  start to first settled screen    p50 %s  p95 %s  (all launched within %d ms)"
                   % (fmt(fs["p50"], " ms"), fmt(fs["p95"], " ms"), ld["launch_ms"]))
        out.append("  peak RSS per session             mean %s  max %s"
                   % (fmt(ld["vmhwm_kib"]["mean"], " KiB"), fmt(ld["vmhwm_kib"]["max"], " KiB")))
        out.append("  private memory per session       mean %s" % fmt(ld["private_kib"]["mean"], " KiB"))
        out.append("  CPU time per session             mean %s  max %s"
                   % (fmt(ld["cpu_ms_per_session"]["mean"], " ms"), fmt(ld["cpu_ms_per_session"]["max"], " ms")))
        out.append("  failures                         %d  (exit not 0: %d, expected screen missing: %d, keys without response: %d)"
                   % (ld["failures"], ld["bad_exit"], ld["bad_screen"], ld["no_response_keys"]))
        if ld["sighup_before_output"]:
            out.append("    of which killed by SIGHUP before any output: %d (yibao's parent-death signal"
                       " vs. the setsid -f launcher)" % ld["sighup_before_output"])
        for e in ld["failure_examples"]:
            out.append("    " + e)
    for n in res["notes"]:
        out.append("note: " + n)
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ptyrun", required=True, help="path of ptyrun.py")
    ap.add_argument("--yibao", default="./yibao")
    ap.add_argument("--out", default="build/bench.json")
    ap.add_argument("--repeat", type=int, default=5, help="runs for the start time median (5)")
    ap.add_argument("--screens", type=int, default=1000, help="generated content set size (1000)")
    ap.add_argument("--scale", default="1000,10000", help="bundle sizes in screens (1000,10000)")
    ap.add_argument("--bundle-bench", default="build/bench/bundle_bench",
                    help="the CPU-time helper (tests/bench/bundle_bench.c)")
    ap.add_argument("--sessions", type=int, default=100, help="load test sessions (100)")
    ap.add_argument("--load-timeout", type=float, default=300, help="load test bound, s (300)")
    ap.add_argument("--quick", action="store_true", help="3 runs, 200 screens, 10 sessions")
    a = ap.parse_args()
    if a.quick:
        a.repeat, a.screens, a.sessions, a.scale = 3, 200, 10, "200"
    yibao = os.path.abspath(a.yibao)
    b = Bench(a)
    t0 = time.monotonic()
    try:
        res = {"meta": {"date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "cores": os.cpu_count(),
                        "machine": platform.machine(), "size": "%dx%d" % SIZE,
                        "term": "xterm-256color", "quiet_ms": QUIET_MS,
                        "version": subprocess.run([yibao, "--version"], stdout=subprocess.PIPE,
                                                  stderr=subprocess.DEVNULL).stdout.decode().strip()},
               "programs": {}, "notes": b.notes}
        b.longest = b.find_longest_page(yibao)
        marker = os.path.join(b.tmp, "marker.ini")
        with open(marker, "w") as f:
            f.write("[display]\nmarker = true\n")
        items = [x for t, lab in HOME_ITEMS for x in (t, lab)]
        res["programs"]["yibao"] = b.menu_program("yibao", [yibao], "q", True)
        res["programs"]["yibao marker"] = b.menu_program("yibao marker", [yibao, "--config", marker], "q", True)
        for prog in ("whiptail", "dialog"):
            if shutil.which(prog) is None:
                b.notes.append(prog + " is not installed: its column is empty")
                res["programs"][prog] = {}
                continue
            res["programs"][prog] = b.menu_program(
                prog, [prog, "--title", HOME_TITLE, "--menu", HOME_TEXT, "24", "80", "7"] + items,
                "<Esc>", False)
        keys = ["first_screen_bytes", "move_bytes", "resize_bytes", "start_ms", "vmhwm_kib", "private_kib"]
        res["ratios"] = {
            "yibao/whiptail": {k: ratio(res["programs"]["yibao"].get(k), res["programs"]["whiptail"].get(k)) for k in keys},
            "yibao/dialog": {k: ratio(res["programs"]["yibao"].get(k), res["programs"]["dialog"].get(k)) for k in keys},
        }
        if a.screens > 0:
            res["generated"] = b.generated(yibao)
        sizes = [int(x) for x in a.scale.split(",") if x.strip()]
        if sizes:
            res["bundle"] = {"scale": [b.bundle_scale(yibao, n) for n in sizes],
                             "verify_2mib": b.verify_2mib(),
                             "update_check": b.update_check(yibao)}
        if a.sessions > 0:
            res["load"] = b.load(yibao)
        res["meta"]["bench_s"] = round(time.monotonic() - t0, 1)
        res["meta"]["sighup_retries"] = b.sighup_retries
        if b.sighup_retries:
            b.notes.append("%d single runs died of SIGHUP before any output and were run again"
                           " (yibao's parent-death signal vs. the setsid -f launcher)" % b.sighup_retries)
    finally:
        b.close()
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w") as f:
        json.dump(res, f, ensure_ascii=False, indent=1)
    print(table(res))
    print("(all figures in %s; bench took %s s)" % (a.out, res["meta"]["bench_s"]))


if __name__ == "__main__":
    main()
