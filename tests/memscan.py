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
ranges are skipped, and so are mappings over 4 GiB (a sanitizer's shadow: reserved,
not data; their number is printed); a mapping that goes away while read is skipped too.
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


# Mappings larger than this are reservations, not data (a sanitizer's shadow memory):
# skipped, and counted in the output.
MAX_REGION = 1 << 32
CHUNK = 1 << 20


def scan(pid, needles, context=0):
    hits = {n: [] for n in needles}
    skipped = 0
    overlap = max(len(p) for pats in needles.values() for _, p in pats) + context
    with open("/proc/%d/mem" % pid, "rb", buffering=0) as mem:
        for lo, hi, name in regions(pid):
            if hi - lo > MAX_REGION:
                skipped += 1
                continue
            pos, prev = lo, b""
            while pos < hi:
                try:
                    mem.seek(pos)
                    data = mem.read(min(CHUNK, hi - pos))
                except (OSError, ValueError, OverflowError):
                    data = b""
                if not data:
                    break
                buf, base = prev + data, pos - len(prev)
                for n, pats in needles.items():
                    for kind, pat in pats:
                        for m in re.finditer(re.escape(pat), buf):
                            # A copy that lies wholly in the overlap was counted before.
                            if prev and m.end() <= len(prev):
                                continue
                            hits[n].append((kind, "%s@%#x" % (name, base + m.start())))
                            if context:
                                a, b = max(0, m.start() - context), m.end() + context
                                print("# %s %s@%#x: %r" % (kind, name, base + m.start(),
                                                            buf[a:b]))
                pos += len(data)
                prev = data[-overlap:]
    return hits, skipped


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
        hits, skipped = scan(pid, needles, context)
    except OSError as e:
        print("memscan: %d: %s" % (pid, e), file=sys.stderr)
        return 2
    for t in texts:
        h = hits[t]
        nb = sum(1 for k, _ in h if k == "bytes")
        nw = sum(1 for k, _ in h if k == "wide")
        where = " ".join("%s:%s" % (k, w) for k, w in h[:12])
        print("%s bytes=%d wide=%d%s%s" % (t, nb, nw,
                                          " (%d reservations skipped)" % skipped if skipped else "",
                                          (" where: " + where) if h else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
