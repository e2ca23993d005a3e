#!/usr/bin/env python3
"""depcheck.py -- the house's direction of flow, checked from the #include lines.

A module is a .c file and the .h of the same name (src/nav.c + src/nav.h is "nav";
screens/*.c together are "screens"). Fails (exit 1) when a file in src/ includes
anything from screens/, or when modules include each other in a cycle; prints the
module graph with -v. Python standard library only.
SPDX-License-Identifier: MIT
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
INC = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def module_of(path):
    rel = os.path.relpath(path, ROOT)
    if rel.startswith("screens" + os.sep):
        return "screens"
    return os.path.splitext(os.path.basename(rel))[0]


def main():
    verbose = "-v" in sys.argv[1:]
    edges = {}
    bad = []
    for d in ("src", "screens"):
        for name in sorted(os.listdir(os.path.join(ROOT, d))):
            if not name.endswith((".c", ".h")):
                continue
            path = os.path.join(ROOT, d, name)
            src = module_of(path)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for inc in INC.findall(text):
                target = os.path.normpath(os.path.join(ROOT, d, inc))
                if not os.path.exists(target):
                    continue
                if d == "src" and os.path.relpath(target, ROOT).startswith("screens"):
                    bad.append("%s/%s includes %s (src/ must not depend on screens/)" % (d, name, inc))
                dst = module_of(target)
                if dst != src:
                    edges.setdefault(src, set()).add(dst)
    # Cycles: depth-first search over the module graph.
    state, stack = {}, []

    def visit(m):
        state[m] = 1
        stack.append(m)
        for n in sorted(edges.get(m, ())):
            if state.get(n) == 1:
                bad.append("cycle: " + " -> ".join(stack[stack.index(n):] + [n]))
            elif n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in sorted(edges):
        if m not in state:
            visit(m)
    if verbose:
        for m in sorted(edges):
            print("%-12s -> %s" % (m, " ".join(sorted(edges[m]))))
    for b in bad:
        print("depcheck: " + b)
    print("depcheck: %d modules, %d problems" % (len(edges), len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
