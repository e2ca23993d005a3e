#!/usr/bin/env python3
# yearlint.py -- every screen stating an amount in 元 also states its year.
# SPDX-License-Identifier: MIT
#
# Prints every screen of every region profile with ./yibao --print (today
# fixed inside the figures' year, so the guide's own "past that year" line is
# not there to count) and checks that a screen whose text names an amount in
# 元 ("400 元", "18万元", "670元") also names a year ("2025 年", "2025年").
# The "更新/来源" lines do not count: they date the source, not the figure.
# Prints TAP lines: one ok / not ok per region, the offending screens below.
import os
import re
import subprocess
import sys

YIBAO = sys.argv[1] if len(sys.argv) > 1 else "./yibao"
AMOUNT = re.compile(r"[0-9０-９][0-9０-９,，.]*\s*万?元")
YEAR = re.compile(r"(?:19|20)[0-9]{2}\s*年")
SOURCE = re.compile(r"^(更新|来源)")


def run(*args):
    env = dict(os.environ, YIBAO_TODAY="2025-06-01", TZ="Asia/Shanghai")
    r = subprocess.run([YIBAO, *args], capture_output=True, env=env, timeout=60)
    return r.returncode, r.stdout.decode("utf-8", "replace")


def main():
    regions = sorted(f[:-4] for f in os.listdir("config/regions") if f.endswith(".ini"))
    bad_total = 0
    for region in regions:
        rc, listing = run("--region", region, "--list")
        if rc != 0:
            print(f"not ok - yearlint {region}: --list exited {rc}")
            bad_total += 1
            continue
        codes = [line.split()[0] for line in listing.splitlines() if line.strip()]
        bad = []
        for code in codes:
            rc, text = run("--region", region, "--print", code)
            body = "\n".join(l for l in text.splitlines() if not SOURCE.match(l))
            m = AMOUNT.search(body)
            if m and not YEAR.search(body):
                bad.append(f"{code} ({m.group(0)})")
        if bad:
            bad_total += 1
            print(f"not ok - yearlint {region}: screens naming an amount in 元 without its year")
            for b in bad:
                print(f"#   {b}")
        else:
            print(f"ok - yearlint {region}: every screen naming an amount in 元 names its year ({len(codes)} screens)")
    return 1 if bad_total else 0


if __name__ == "__main__":
    sys.exit(main())
