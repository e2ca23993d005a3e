#!/usr/bin/env python3
"""fleet.py -- residents per host: many ssh sessions at once through a real sshd

usage: fleet.py --ptyrun PATH [--yibao ./yibao] [--sessions 200] [--rounds 3]
                [--gap-ms 20] [--out build/bench-fleet.json]

An sshd of its own on 127.0.0.1 (a free port, its own host key and config,
MaxStartups raised) with the guide as ForceCommand (--kiosk), as in
docs/deploy-ssh.md. --sessions ssh clients, each on its own pseudo-terminal
(80x24, TERM=xterm-256color), launched --gap-ms apart, each touring every topic
of the home menu --rounds times (tests/bench/bench.py's load test: open, into a
menu's first entry and back, back home, with small pauses), then q. Reported:

  connect      ssh start to the home screen settled (p50/p95/p99)
  key          key sent to the last byte of the answer (p50/p95/p99/max), and to
               its first byte
  memory       every process under the sshd listener (each session's sshd
               processes and its guide), sampled every second while sessions
               run: at the sample with the most guides, PSS (shared pages split
               fairly) and private memory (Private_Clean + Private_Dirty) per
               session, split into sshd's part and the guide's
  failures     a session that did not exit 0 or a screen that did not show the
               expected title (checked afterwards with ptydrive.VT)

The clients run on the same machine and take CPU the host would not spend (each
resident's ssh runs on the resident's side): latency here is an upper bound.
Nothing is asserted. Every process started here is ended by its PID.

SPDX-License-Identifier: MIT
"""
import argparse
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import bench  # noqa: E402
import ptydrive  # noqa: E402


def children(pid):
    out = []
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            kids = [int(x) for x in f.read().split()]
    except OSError:
        return out
    for k in kids:
        out.append(k)
        out += children(k)
    return out


def comm(pid):
    try:
        with open("/proc/%d/comm" % pid) as f:
            return f.read().strip()
    except OSError:
        return ""


class Fleet(bench.Bench):
    def tour(self):
        return super().tour() * self.a.rounds


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ptyrun", required=True)
    ap.add_argument("--yibao", default="./yibao")
    ap.add_argument("--sessions", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--gap-ms", type=float, default=20)
    ap.add_argument("--load-timeout", type=float, default=600)
    ap.add_argument("--out", default="build/bench-fleet.json")
    a = ap.parse_args()
    yibao = os.path.abspath(a.yibao)
    if not os.path.exists("/usr/sbin/sshd") or shutil.which("ssh") is None:
        print("fleet: skipped: openssh-server and openssh-client are needed")
        return 0
    if os.geteuid() != 0 or subprocess.run(["unshare", "-m", "true"]).returncode != 0:
        print("fleet: skipped: needs root and a mount namespace (its own account for sshd)")
        return 0
    b = Fleet(a)
    d = tempfile.mkdtemp(prefix="yibao-fleet-")
    sshd = None
    try:
        os.chmod(d, 0o755)
        for k in ("host", "user"):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", os.path.join(d, k)],
                           check=True, stdin=subprocess.DEVNULL)
        shutil.copy(os.path.join(d, "user.pub"), os.path.join(d, "authorized_keys"))
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        # The sessions' account: a kiosk account of its own with /bin/sh as its shell
        # (root's shell would read root's dot files), in a copy of /etc/passwd that
        # only sshd's private mount namespace sees; the real /etc is never written.
        user, uid = "ybfleet", 64180
        home = os.path.join(d, "home")
        os.makedirs(home)
        os.chmod(home, 0o755)
        with open("/etc/passwd") as f, open(os.path.join(d, "passwd"), "w") as g:
            g.write(f.read() + "%s:*:%d:65534:yibao fleet bench:%s:/bin/sh\n" % (user, uid, home))
        os.makedirs("/run/sshd", exist_ok=True)
        with open(os.path.join(d, "sshd_config"), "w") as f:
            f.write("ListenAddress 127.0.0.1:%d\nHostKey %s/host\nPidFile %s/sshd.pid\n"
                    "AuthorizedKeysFile %s/authorized_keys\nStrictModes no\n"
                    "PasswordAuthentication no\nKbdInteractiveAuthentication no\n"
                    "PermitRootLogin prohibit-password\nUsePAM no\nAcceptEnv NONE\n"
                    "MaxStartups %d\nMaxSessions 10\nLoginGraceTime 60\n"
                    "Match User %s\n    ForceCommand %s --kiosk\n    DisableForwarding yes\n"
                    "    PermitTTY yes\n"
                    % (port, d, d, d, a.sessions + 50, user, yibao))
        sshd = subprocess.Popen(
            ["unshare", "-m", "sh", "-c",
             'mount --bind "$1" /etc/passwd && exec /usr/sbin/sshd -D -e -f "$2"', "sh",
             os.path.join(d, "passwd"), os.path.join(d, "sshd_config")],
            stderr=open(os.path.join(d, "sshd.log"), "w"))
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        argv = ["ssh", "-F", "/dev/null", "-p", str(port), "-i", os.path.join(d, "user"),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=60", "-tt", "%s@127.0.0.1" % user]
        # The screens the tour expects, from the guide the sessions run.
        b.find_longest_page(yibao)
        peak = {"guides": 0, "t": 0.0}

        def sample(now):
            if now - peak["t"] < 1.0:
                return
            peak["t"] = now
            pids = children(sshd.pid)
            guides = [p for p in pids if comm(p) == "yibao"]
            if len(guides) < peak["guides"]:
                return
            # sshd: the listener, each session's sshd processes and its shell.
            pss = {"sshd": 0, "yibao": 0}
            priv = {"sshd": 0, "yibao": 0}
            procs = {"sshd": 0, "yibao": 0}
            for p in pids + [sshd.pid]:
                kind = "yibao" if comm(p) == "yibao" else "sshd"
                v = ptydrive.proc_kib(p, "smaps_rollup", "Pss")
                w = ptydrive.private_kib(p)
                if v is None or w is None:
                    continue
                pss[kind] += v
                priv[kind] += w
                procs[kind] += 1
            peak.update(guides=len(guides), pss=pss, priv=priv, procs=procs)

        t0 = time.monotonic()
        fig = b.load(yibao, argv=argv, cap=60.0, gap=a.gap_ms / 1000, sample=sample)
        n = max(peak["guides"], 1)
        res = {
            "meta": {"date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "cores": os.cpu_count(),
                     "mem_total_kib": None, "machine": platform.machine(),
                     "sshd": subprocess.run(["ssh", "-V"], stderr=subprocess.PIPE,
                                            text=True).stderr.strip(),
                     "rounds": a.rounds, "gap_ms": a.gap_ms,
                     "wall_s": round(time.monotonic() - t0, 1)},
            "load": fig,
            "peak_concurrent_guides": peak["guides"],
            "memory_at_peak": {
                "processes": peak.get("procs"),
                "pss_kib_per_session": {k: round(v / n) for k, v in peak.get("pss", {}).items()},
                "private_kib_per_session": {k: round(v / n) for k, v in peak.get("priv", {}).items()},
                "pss_kib_total": sum(peak.get("pss", {}).values()),
            },
        }
        try:
            with open("/proc/meminfo") as f:
                res["meta"]["mem_total_kib"] = int(f.readline().split()[1])
        except OSError:
            pass
        per = sum(res["memory_at_peak"]["pss_kib_per_session"].values())
        res["memory_at_peak"]["pss_kib_per_session"]["total"] = per
        res["per_4gib_host"] = {
            "memory_bound_sessions": int((4 * 1024 * 1024 - 512 * 1024) / per) if per else None,
            "note": "3.5 GiB left for sessions (512 MiB kept for the system), divided by PSS per session",
        }
    finally:
        if sshd is not None:
            sshd.send_signal(signal.SIGTERM)
            try:
                sshd.wait(10)
            except subprocess.TimeoutExpired:
                sshd.kill()
                sshd.wait()
        b.close()
        shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w") as f:
        json.dump(res, f, ensure_ascii=False, indent=1)
    L, M = res["load"], res["memory_at_peak"]
    print("fleet: %d ssh sessions through sshd on 127.0.0.1 (%d cores), %d keys each, peak %d "
          "guides at once" % (L["sessions"], os.cpu_count(), L["keys_per_session"],
                              res["peak_concurrent_guides"]))
    print("  connect (ssh start to home screen) p50 %s ms, p95 %s ms"
          % (L["first_screen_ms"]["p50"], L["first_screen_ms"]["p95"]))
    print("  key to screen: p50 %s ms, p95 %s ms, p99 %s ms, max %s ms (first byte p50 %s, p99 %s)"
          % (L["latency_ms"]["p50"], L["latency_ms"]["p95"], L["latency_ms"]["p99"],
             L["latency_ms"]["max"], L["first_byte_ms"]["p50"], L["first_byte_ms"]["p99"]))
    print("  memory per session at peak: PSS %s KiB (sshd %s, guide %s), private %s KiB "
          "(sshd %s, guide %s)" % (M["pss_kib_per_session"]["total"], M["pss_kib_per_session"].get("sshd"),
                                  M["pss_kib_per_session"].get("yibao"),
                                  sum(v for v in M["private_kib_per_session"].values()),
                                  M["private_kib_per_session"].get("sshd"),
                                  M["private_kib_per_session"].get("yibao")))
    print("  failures: %d of %d (bad exit %d, wrong screen %d, keys without answer %d)"
          % (L["failures"], L["sessions"], L["bad_exit"], L["bad_screen"], L["no_response_keys"]))
    for e in L.get("failure_examples", []):
        print("    " + e)
    print("  a 4 GiB host by memory: %s sessions; figures in %s"
          % (res["per_4gib_host"]["memory_bound_sessions"], a.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
