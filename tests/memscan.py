#!/usr/bin/env python3
# memscan.py -- count the copies of a string in a running process's memory
# SPDX-License-Identifier: MIT
"""memscan.py PID TEXT...: print "TEXT COUNT" for each TEXT, counted over every
readable mapping of PID (/proc/PID/maps and /proc/PID/mem; needs root or the
same user and a dumpable process, or ptrace rights). With -v, also where."""
import sys


def scan(pid, needles, verbose=False):
    counts = {n: 0 for n in needles}
    with open("/proc/%d/maps" % pid) as maps, open("/proc/%d/mem" % pid, "rb", 0) as mem:
        for line in maps:
            fields = line.split()
            lo, hi = (int(x, 16) for x in fields[0].split("-"))
            if "r" not in fields[1] or (len(fields) > 5 and fields[5] in ("[vvar]", "[vsyscall]")):
                continue
            if hi - lo > (1 << 30):
                continue  # a sanitizer's shadow reservation, not data
            try:
                mem.seek(lo)
                data = mem.read(hi - lo)
            except (OSError, ValueError, OverflowError):
                continue
            for n in needles:
                c = data.count(n)
                if c:
                    counts[n] += c
                    if verbose:
                        print("# %d in %s" % (c, line.strip()), file=sys.stderr)
                        at = data.find(n)
                        while at >= 0:
                            print("#   at %#x: %r" % (lo + at, data[max(0, at - 48):at + len(n) + 48]),
                                  file=sys.stderr)
                            at = data.find(n, at + 1)
    return counts


if __name__ == "__main__":
    args = sys.argv[1:]
    verbose = args and args[0] == "-v"
    if verbose:
        args = args[1:]
    pid = int(args[0])
    res = scan(pid, [a.encode() for a in args[1:]], verbose)
    for n, c in res.items():
        print(n.decode(), c)
