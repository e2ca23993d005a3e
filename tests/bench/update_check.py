#!/usr/bin/env python3
"""update_check.py -- what an unchanged `yibao --update` check costs on the wire.

For the benchmark table (issue 14): packs the shipped content (or takes
--bundle FILE), signs it with a throw-away minisign key, serves it with
tests/update_server.py on 127.0.0.1, installs it with one `yibao --update`,
then runs the check again N times through the server's counting relay and
reports the bytes both ways (TLS handshake included), the requests the server
saw and the wall time. Reports only: nothing is asserted.

  python3 tests/bench/update_check.py [--yibao ./yibao] [--bundle FILE] [--runs 5] [--json]

SPDX-License-Identifier: MIT
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--yibao", default=os.path.join(ROOT, "yibao"))
    ap.add_argument("--bundle")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    yibao = os.path.abspath(args.yibao)
    tmp = tempfile.mkdtemp(prefix="yibao-bench-update.")
    server = None
    env = dict(os.environ, HOME=tmp, XDG_CONFIG_HOME=tmp, LANG="C.UTF-8")
    env.pop("YIBAO_CONFIG", None)
    try:
        www = os.path.join(tmp, "srv", "www")
        os.makedirs(www)
        bundle = os.path.join(www, "yibao.bundle")
        if args.bundle:
            shutil.copyfile(args.bundle, bundle)
        else:
            subprocess.run([yibao, "--content", os.path.join(ROOT, "content"), "--pack", bundle],
                           env=env, check=True, capture_output=True)
        key, pub = os.path.join(tmp, "k.key"), os.path.join(tmp, "k.pub")
        subprocess.run(["minisign", "-G", "-W", "-p", pub, "-s", key], check=True,
                       capture_output=True)
        subprocess.run(["minisign", "-S", "-m", bundle, "-s", key, "-t", "bench"], check=True,
                       capture_output=True)
        server = subprocess.Popen([sys.executable, os.path.join(ROOT, "tests", "update_server.py"),
                                   "--dir", os.path.join(tmp, "srv")],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ports_file = os.path.join(tmp, "srv", "ports")
        for _ in range(400):
            if os.path.exists(ports_file):
                break
            time.sleep(0.05)
        with open(ports_file) as f:
            ports = dict(line.strip().split("=") for line in f if "=" in line)
        with open(pub) as f:
            pubkey = f.read().splitlines()[1]
        ini = os.path.join(tmp, "bench.ini")
        with open(ini, "w") as f:
            f.write("[guide]\nbundle =\n[update]\nurl = https://127.0.0.1:%s/yibao.bundle\n"
                    "public_key = %s\nca_file = %s\nstate_dir = %s\n"
                    % (ports["RELAY_PORT"], pubkey, os.path.join(tmp, "srv", "ca.pem"),
                       os.path.join(tmp, "state")))
        r = subprocess.run([yibao, "--config", ini, "--update"], env=env, capture_output=True,
                           text=True)
        if r.returncode != 0:
            sys.exit("first --update failed (%d): %s" % (r.returncode, r.stderr.strip()))
        relay = os.path.join(tmp, "srv", "relay.log")
        log = os.path.join(tmp, "srv", "requests.log")
        results = []
        for _ in range(args.runs):
            open(relay, "w").close()
            before = sum(1 for _ in open(log))
            t0 = time.time()
            r = subprocess.run([yibao, "--config", ini, "--update"], env=env,
                               capture_output=True, text=True)
            ms = (time.time() - t0) * 1000
            end = time.time() + 5
            lines = []
            while time.time() < end:
                with open(relay) as f:
                    lines = [x for x in f if x.strip()]
                if lines:
                    break
                time.sleep(0.05)
            up = sum(int(x.split()[0].split("=")[1]) for x in lines)
            down = sum(int(x.split()[1].split("=")[1]) for x in lines)
            reqs = sum(1 for _ in open(log)) - before
            results.append({"exit": r.returncode, "up": up, "down": down, "requests": reqs,
                            "connections": len(lines), "ms": ms})
        size = os.path.getsize(bundle)
        summary = {
            "bundle_bytes": size,
            "bytes": statistics.median(x["up"] + x["down"] for x in results),
            "up": statistics.median(x["up"] for x in results),
            "down": statistics.median(x["down"] for x in results),
            "requests": max(x["requests"] for x in results),
            "ms": statistics.median(x["ms"] for x in results),
            "exits": sorted({x["exit"] for x in results}),
        }
        if args.json:
            print(json.dumps(summary))
        else:
            print("unchanged --update check: %d bytes on the wire (%d up, %d down, TLS "
                  "included), %d request, %.0f ms median of %d; exit %s; bundle %d bytes"
                  % (summary["bytes"], summary["up"], summary["down"], summary["requests"],
                     summary["ms"], len(results), summary["exits"], size))
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(5)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        shutil.rmtree(tmp, True)


if __name__ == "__main__":
    main()
