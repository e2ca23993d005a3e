#!/usr/bin/env python3
# memscan.py -- count the copies of a string in another process's memory (root, or ptrace rights)
# SPDX-License-Identifier: MIT
"""usage: memscan.py [--context N] PID TEXT [TEXT...]

Reads every readable mapping of /proc/PID/maps through /proc/PID/mem and counts
each TEXT as bytes (UTF-8) and as 32-bit little-endian code units (wchar_t, and
curses' key queue, which keeps one int per byte read). Prints one line a TEXT:

  TEXT bytes=N wide=N [where: MAPPING@OFFSET ...]

and exits 0, or 2 when the process could not be read. --context N also prints
N bytes either side of each copy (to find out whose buffer it is). Vsyscall and unreadable
ranges are skipped; a mapping that goes away while read is skipped too.
"""
import re
import sys


def regions(pid):
    with open("/proc/%d/maps" % pid) as f:
        for line in f:
            parts = line.split(None, 5)
            lo, hi = (int(x, 16) for x in parts[0].split("-"))
            perms = parts[1]
            name = parts[5].strip() if len(parts) > 5 else "[anon]"
            if perms[0] != "r" or name == "[vsyscall]" or name == "[vvar]":
                continue
            yield lo, hi, name


def scan(pid, needles, context=0):
    hits = {n: [] for n in needles}
    with open("/proc/%d/mem" % pid, "rb", buffering=0) as mem:
        for lo, hi, name in regions(pid):
            try:
                mem.seek(lo)
                data = mem.read(hi - lo)
            except (OSError, ValueError, OverflowError):
                continue
            if not data:
                continue
            for n, pats in needles.items():
                for kind, pat in pats:
                    for m in re.finditer(re.escape(pat), data):
                        hits[n].append((kind, "%s@%#x" % (name, lo + m.start())))
                        if context:
                            a, b = max(0, m.start() - context), m.end() + context
                            print("# %s %s@%#x: %r" % (kind, name, lo + m.start(), data[a:b]))
    return hits


def main():
    args = sys.argv[1:]
    context = 0
    if args[:1] == ["--context"] and len(args) > 1:
        context = int(args[1])
        args = args[2:]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    pid = int(args[0])
    texts = args[1:]
    needles = {t: (("bytes", t.encode()), ("wide", t.encode("utf-32-le"))) for t in texts}
    try:
        hits = scan(pid, needles, context)
    except OSError as e:
        print("memscan: %d: %s" % (pid, e), file=sys.stderr)
        return 2
    for t in texts:
        h = hits[t]
        nb = sum(1 for k, _ in h if k == "bytes")
        nw = sum(1 for k, _ in h if k == "wide")
        where = " ".join("%s:%s" % (k, w) for k, w in h[:12])
        print("%s bytes=%d wide=%d%s" % (t, nb, nw, (" where: " + where) if h else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
