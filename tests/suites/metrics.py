#!/usr/bin/env python3
# metrics.py -- the Prometheus textfile of yibao --update, end to end
# SPDX-License-Identifier: MIT
"""Every yibao --update run writes [update] metrics_file: after a run that installs
a signed bundle from a local HTTPS server (tests/update_server.py) and after one
that fails; HELP and TYPE for each metric; `promtool check metrics` when the
prometheus package is there; the real prometheus-node-exporter (started here on
127.0.0.1, a free port, textfile collector only) serves the file without a scrape
error. A missing or read-only metrics directory: the update works, one line says
the metrics were not written. Two runs at once, over and over, while a reader
reads the file in a loop: every read is a whole file. Every process started here
is ended and reaped by its PID."""
import calendar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

YIBAO = os.path.abspath(os.environ.get("YIBAO", "./yibao"))
ROOT = os.getcwd()
tmp = tempfile.mkdtemp(prefix="yibao-metrics.")
procs = []
n_bad = 0
NAMES = ["yibao_bundle_version", "yibao_bundle_policy_year",
         "yibao_bundle_valid_until_timestamp_seconds",
         "yibao_update_last_run_timestamp_seconds",
         "yibao_update_last_success_timestamp_seconds", "yibao_update_last_exit_code"]


def ok(cond, what, detail=""):
    global n_bad
    if cond:
        print("ok - " + what)
    else:
        n_bad += 1
        print("not ok - " + what + (" (%s)" % detail if detail else ""))
    sys.stdout.flush()
    return cond


def path(*p):
    return os.path.join(tmp, *p)


def stop(p):
    if p.poll() is None:
        p.terminate()
        try:
            p.wait(5)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def cleanup():
    for p in procs:
        stop(p)
    shutil.rmtree(tmp, True)


def run(argv, env=None, timeout=60):
    e = dict(os.environ)
    e.update({"HOME": tmp, "XDG_CONFIG_HOME": path("xdg"), "LANG": "C.UTF-8"})
    e.pop("YIBAO_CONFIG", None)
    e.update(env or {})
    return subprocess.run(argv, env=e, timeout=timeout, capture_output=True, text=True)


def values(text):
    """{name: value} of the sample lines of a textfile."""
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            k, _, v = line.partition(" ")
            out[k] = float(v)
    return out


def read(p):
    with open(p, encoding="utf-8") as f:
        return f.read()


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    for tool in ("minisign", "openssl"):
        if shutil.which(tool) is None:
            ok(False, "%s is installed (tools/deps.sh)" % tool)
            return
    os.makedirs(path("srv", "www"))
    os.makedirs(path("xdg"))
    os.makedirs(path("prom"))
    r = run(["minisign", "-G", "-W", "-p", path("k.pub"), "-s", path("k.key")])
    pub = read(path("k.pub")).splitlines()[1].strip()
    server = subprocess.Popen([sys.executable, os.path.join(ROOT, "tests/update_server.py"),
                               "--dir", path("srv")], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    procs.append(server)
    # The shipped bundle (version 1) and a newer one (version 7) on the server.
    for name, version in (("shipped", 1), ("v7", 7)):
        cdir = path("content-" + name)
        shutil.copytree(os.path.join(ROOT, "content"), cdir)
        with open(os.path.join(cdir, "bundle.ini"), "w") as f:
            f.write("[bundle]\nversion = %d\npolicy_year = 2025\nvalid_days = 400\n" % version)
        r = run([YIBAO, "--content", cdir, "--pack", path(name + ".bundle")])
        assert r.returncode == 0, r.stderr
    r = run(["minisign", "-S", "-m", path("v7.bundle"), "-s", path("k.key"),
             "-x", path("srv", "www", "yibao.bundle.minisig"), "-t", "v7"])
    assert r.returncode == 0, r.stderr
    shutil.copyfile(path("v7.bundle"), path("srv", "www", "yibao.bundle"))
    for _ in range(200):
        if os.path.exists(path("srv", "ports")):
            break
        time.sleep(0.05)
    port = int([ln.split("=")[1] for ln in read(path("srv", "ports")).split()
                if ln.startswith("MAIN_PORT=")][0])
    # As the package lays it out: node_exporter's directory holds a link to a file
    # in a directory the update service may write.
    os.makedirs(path("real"))
    prom = path("prom", "yibao.prom")
    os.symlink("../real/yibao.prom", prom)

    def config(name, url_path="/yibao.bundle", metrics=prom, state="state"):
        ini = path(name + ".ini")
        with open(ini, "w") as f:
            f.write("[guide]\nbundle = %s\n[update]\nurl = https://127.0.0.1:%d%s\n"
                    "public_key = %s\nca_file = %s\nstate_dir = %s\ntimeout_s = 5\n"
                    "metrics_file = %s\n" % (path("shipped.bundle"), port, url_path, pub,
                                             path("srv", "ca.pem"), path(state), metrics))
        return ini

    good, bad = config("good"), config("bad", "/missing.bundle")

    # A run that installs v7.
    t0 = int(time.time())
    r = run([YIBAO, "--config", good, "--update"])
    t1 = int(time.time()) + 1
    ok(r.returncode == 0, "--update installs version 7 (exit 0)", r.stderr.strip())
    text = read(prom) if os.path.exists(prom) else ""
    v = values(text)
    ok(os.path.islink(prom) and os.path.isfile(path("real", "yibao.prom")),
       "metrics_file a symbolic link (the package's layout): the file it names is replaced")
    ok(all(n in v for n in NAMES), "after a run the metrics file has " + ", ".join(NAMES),
       text[:300])
    ok(all("# HELP %s " % n in text and "# TYPE %s gauge" % n in text for n in NAMES),
       "each with HELP and TYPE lines")
    ok(v.get("yibao_bundle_version") == 7 and v.get("yibao_bundle_policy_year") == 2025,
       "yibao_bundle_version 7, yibao_bundle_policy_year 2025 (the bundle sessions now show)")
    ok(v.get("yibao_update_last_exit_code") == 0 and
       t0 <= v.get("yibao_update_last_run_timestamp_seconds", 0) <= t1 and
       v.get("yibao_update_last_success_timestamp_seconds") ==
       v.get("yibao_update_last_run_timestamp_seconds"),
       "exit code 0; last run = last success = now")
    # The oracle: the valid-until date the guide itself reports for that bundle.
    until = v.get("yibao_bundle_valid_until_timestamp_seconds", 0)
    ver = run([YIBAO, "--config", good, "--version"]).stdout
    m = re.search(r"version 7, .*valid until (\d{4})-(\d\d)-(\d\d)", ver)
    want = (calendar.timegm((int(m.group(1)), int(m.group(2)), int(m.group(3)), 0, 0, 0))
            + 86400) if m else None
    ok(until == want, "yibao_bundle_valid_until_timestamp_seconds is the end (UTC) of the "
       "valid-until day yibao --version names", "%s, want %s (%r)" % (until, want, ver))
    first_success = v.get("yibao_update_last_success_timestamp_seconds")
    print("# the metrics file as the guide wrote it:")
    for line in text.splitlines():
        print("#   " + line)

    if shutil.which("promtool"):
        r = subprocess.run(["promtool", "check", "metrics"], input=text, capture_output=True,
                           text=True)
        ok(r.returncode == 0 and not r.stdout.strip() and not r.stderr.strip(),
           "promtool check metrics: no problem", (r.stdout + r.stderr).strip())
    else:
        print("ok - skipped: promtool check metrics (the prometheus package is not installed)")

    # A failing run: 404. The failure is recorded; the last success stays.
    time.sleep(1.1)
    r = run([YIBAO, "--config", bad, "--update"])
    v2 = values(read(prom))
    ok(r.returncode == 4, "--update of a missing URL fails (exit 4)", str(r.returncode))
    ok(v2.get("yibao_update_last_exit_code") == 4 and
       v2.get("yibao_update_last_success_timestamp_seconds") == first_success and
       v2.get("yibao_update_last_run_timestamp_seconds", 0) > first_success,
       "a failed run: exit code 4, a later last run, the last success unchanged")
    ok(v2.get("yibao_bundle_version") == 7, "and the bundle in use is still version 7")

    # node_exporter serves it (the textfile collector only).
    ne = shutil.which("prometheus-node-exporter") or shutil.which("node_exporter")
    if ne is None:
        print("ok - skipped: node_exporter (the prometheus-node-exporter package is not installed)")
    else:
        nport = free_port()
        t = time.time()
        p = subprocess.Popen([ne, "--web.listen-address=127.0.0.1:%d" % nport,
                              "--collector.disable-defaults", "--collector.textfile",
                              "--collector.textfile.directory=" + path("prom")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(p)
        body = ""
        for _ in range(100):
            try:
                with urllib.request.urlopen("http://127.0.0.1:%d/metrics" % nport,
                                            timeout=2) as resp:
                    body = resp.read().decode()
                break
            except OSError:
                time.sleep(0.05)
        ready = time.time() - t
        rss = 0
        try:
            for line in read("/proc/%d/status" % p.pid).splitlines():
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
        except OSError:
            pass
        print("# node_exporter (textfile collector only): first scrape answered %.0f ms after "
              "start, RSS %d KiB" % (ready * 1000, rss))
        ok("yibao_bundle_version 7" in body and "yibao_update_last_exit_code 4" in body,
           "prometheus-node-exporter on 127.0.0.1 serves yibao_bundle_version and the exit code")
        ok("node_textfile_scrape_error 0" in body,
           "and reads the file without a scrape error")
        stop(p)

    # A missing directory, a read-only one: the update still works, one line says so.
    missing = config("missing", metrics=path("nodir", "yibao.prom"), state="state")
    r = run([YIBAO, "--config", missing, "--update"])
    lines = [ln for ln in r.stderr.splitlines() if "metrics" in ln]
    ok(r.returncode == 3 and len(lines) == 1 and "metrics not written" in lines[0],
       "a missing metrics directory: --update still works (exit 3), one line says the "
       "metrics were not written", "%d %r" % (r.returncode, r.stderr))
    os.makedirs(path("ro"))
    rodir = config("ro", metrics=path("ro", "yibao.prom"), state="state")
    if os.geteuid() == 0:
        # root writes anywhere: the run is that of an unprivileged user.
        os.chmod(tmp, 0o755)
        for d in ("state",):
            subprocess.run(["chown", "-R", "nobody", path(d)])
        os.chmod(path("ro"), 0o555)
        argv = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", YIBAO,
                "--config", rodir, "--update"]
    else:
        os.chmod(path("ro"), 0o555)
        argv = [YIBAO, "--config", rodir, "--update"]
    if os.access(YIBAO, os.X_OK) and shutil.which("setpriv") or os.geteuid() != 0:
        r = run(argv)
        lines = [ln for ln in r.stderr.splitlines() if "metrics" in ln]
        ok(r.returncode == 3 and len(lines) == 1 and "metrics not written" in lines[0] and
           not os.path.exists(path("ro", "yibao.prom")),
           "a read-only metrics directory: --update still works, one line says so",
           "%d %r" % (r.returncode, r.stderr))
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", "root", path("state")])

    # Two runs at once, many times, while a reader reads the file in a loop.
    stop_reading = threading.Event()
    reads = {"n": 0, "bad": 0, "example": ""}

    def reader():
        while not stop_reading.is_set():
            try:
                with open(prom, encoding="utf-8") as f:
                    t = f.read()
            except OSError:
                reads["bad"] += 1
                reads["example"] = "missing"
                continue
            reads["n"] += 1
            if not (t.endswith("\n") and all(("\n%s " % n) in t or t.startswith(n + " ")
                                             for n in NAMES)):
                reads["bad"] += 1
                reads["example"] = t[-120:]

    th = threading.Thread(target=reader)
    th.start()
    rounds = 40
    codes = set()
    for i in range(rounds):
        ps = [subprocess.Popen([YIBAO, "--config", good if j == 0 else bad, "--update"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=dict(os.environ, HOME=tmp, XDG_CONFIG_HOME=path("xdg")))
              for j in range(2)]
        for p in ps:
            p.wait()
            codes.add(p.returncode)
    stop_reading.set()
    th.join()
    ok(reads["bad"] == 0 and reads["n"] > 0,
       "%d pairs of runs at once, %d reads by a reader in a loop: every read a whole file"
       % (rounds, reads["n"]), "%d bad reads, e.g. %r" % (reads["bad"], reads["example"]))
    left = [f for f in os.listdir(path("real")) if f != "yibao.prom"]
    ok(not left and os.path.islink(prom), "no temporary file is left beside it; the link stays",
       " ".join(left))


try:
    main()
finally:
    cleanup()
sys.exit(1 if n_bad else 0)
