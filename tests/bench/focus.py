#!/usr/bin/env python3
"""focus.py -- the three figures of the bundle at scale, without the rest of make bench

usage: focus.py --ptyrun PATH [--yibao ./yibao] [--scale 1000,10000] [--repeat 5]

For each size: start to first settled screen (--content BUNDLE, and the same
bundle as a signed update in [update] state_dir, verified at start), private
memory per session (two running), and a search (/ query Enter, key to settled
screen). The same measurements as bench.py (its Bench class), for measuring
one change at a time. Reports only: nothing is asserted.

SPDX-License-Identifier: MIT
"""
import argparse
import os
import shutil
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import bench  # noqa: E402
import gen_content  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ptyrun", required=True)
    ap.add_argument("--yibao", default="./yibao")
    ap.add_argument("--scale", default="1000,10000")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--skip", default="", help="comma list of start,signed,memory,search to skip")
    a = ap.parse_args()
    a.bundle_bench = None
    skip = set(a.skip.split(","))
    yibao = os.path.abspath(a.yibao)
    b = bench.Bench(a)
    try:
        for n in [int(x) for x in a.scale.split(",")]:
            d = os.path.join(b.tmp, "c%d" % n)
            gen_content.generate(d, n, 1)
            out = os.path.join(b.tmp, "b%d.bundle" % n)
            bench.subprocess.run([yibao, "--pack", out, "--content", d], env=b.env, check=True,
                                 stdout=bench.subprocess.DEVNULL, stderr=bench.subprocess.DEVNULL)
            shutil.rmtree(d)
            argv = [yibao, "--content", out]
            row = {"screens": n, "bytes": os.path.getsize(out)}
            if "start" not in skip:
                row["start_ms"] = bench.median(r["first_screen"]["settle_ms"]
                                               for r in b.start_runs(argv, "q"))
            if "signed" not in skip:
                state = os.path.join(b.tmp, "state%d" % n)
                os.makedirs(state, exist_ok=True)
                shutil.copy(out, os.path.join(state, "yibao.bundle"))
                pub = b.sign(os.path.join(state, "yibao.bundle"))
                ini = os.path.join(b.tmp, "signed%d.ini" % n)
                with open(ini, "w") as f:
                    f.write("[update]\nstate_dir = %s\npublic_key = %s\n" % (state, pub))
                sargv = [yibao, "--config", ini]
                reps = b.start_runs(sargv, "q")
                row["signed_start_ms"] = bench.median(r["first_screen"]["settle_ms"] for r in reps)
                scr = b.screens(reps[0])
                if scr:
                    b.expect("signed update of %d" % n, scr[0], "生成的")
            if "memory" not in skip:
                row["private_kib"], row["rss_kib"], row["rss_anon_kib"] = b.private_two_anon(argv)
            if "search" not in skip:
                ms = []
                for _ in range(a.repeat):
                    rep = b.ptyrun(argv, ["/", bench.SEARCH_QUERY, "<Enter>", "<wait:300>", "q"])
                    ms += b.step_ms(rep, "<Enter>")
                row["search_key_ms"] = bench.median(ms)
                row["search_key_ms_runs"] = ms
                scr = b.screens(rep)
                if scr:
                    b.expect("search in %d" % n, scr[3], "搜索")
            print(row, flush=True)
        for note in b.notes:
            print("note:", note)
    finally:
        b.close()


if __name__ == "__main__":
    main()
