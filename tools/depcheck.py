#!/usr/bin/env python3
"""depcheck.py -- the house's direction of flow, checked from the #include lines.

A module is a .c file and the .h of the same name (src/nav.c + src/nav.h is "nav";
screens/*.c together are "screens"). Every module has a layer (LAYERS below):

    base -> content -> model -> services -> views -> main

and may include only modules of its own layer or of a layer before it. Library
headers stay in their rooms (LIBRARIES): curses in drawing and input, libcurl in
the network module, libsodium in the signature module, and so on; a module
whose header exposes a library (status_curl.h: <curl/curl.h>) is included only
by the modules that may use that library (PRIVATE).

Fails (exit 1) on an edge that runs up a layer, a module with no layer, a
library header outside its room, a file in src/ including anything from
screens/, or modules including each other in a cycle; prints the module graph
with -v. Python standard library only.
SPDX-License-Identifier: MIT
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
INC = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
SYS = re.compile(r'^\s*#\s*include\s+<([^>]+)>', re.M)

LAYER_NAMES = ["base", "content", "model", "services", "views", "main"]
LAYERS = {
    # base: text, memory and the small helpers everything uses
    "base": "util text report rules pinyin pinyin_data screencode dates",
    # content: reading, checking and packing what authors wrote and signed, and the
    # documents made of it (the answer code book, the slip, the dated lines)
    "content": "iniread config regions profile screen markdown fence content refs bundle bundle_format "
               "bundle_builder pack guide guide_text layout flow calc answercode codebook charset "
               "minisig status_parse dated slip",
    # model: a session's data and the rules that change it (no I/O)
    "model": "nav stats",
    # services: what acts on the world: network, files, a session's lifetime
    "services": "status status_curl fetch update update_state install statedir source metrics session",
    # views: the terminal, line mode and the text a person reads
    "views": "render input input_keys plain term screens batch export",
    # main: the command line and its modes
    "main": "main mode mode_check mode_pack mode_print mode_session mode_update mode_install",
}
# Library headers and the only modules that may include them.
LIBRARIES = {
    "curses.h": "render input input_keys term screens",
    "ncurses.h": "render input input_keys term screens",
    "ncursesw/curses.h": "render input input_keys term screens",
    "term.h": "term",
    "curl/curl.h": "status_curl",
    "sodium.h": "minisig",
    "md4c.h": "markdown",
    "ini.h": "iniread pack update_state",
    "cJSON.h": "status_parse",
    "cjson/cJSON.h": "status_parse",
    "linebreak.h": "text",
}
# Modules whose header exposes a library: who may include them.
PRIVATE = {"status_curl": "status fetch update", "iniread": "config regions"}


def module_of(path):
    rel = os.path.relpath(path, ROOT)
    if rel.startswith("screens" + os.sep):
        return "screens"
    return os.path.splitext(os.path.basename(rel))[0]


def main():
    verbose = "-v" in sys.argv[1:]
    edges = {}
    bad = []
    seen = set()
    layer = {}
    for i, lname in enumerate(LAYER_NAMES):
        for m in LAYERS[lname].split():
            layer[m] = i
    for d in ("src", "screens"):
        for name in sorted(os.listdir(os.path.join(ROOT, d))):
            if not name.endswith((".c", ".h")):
                continue
            path = os.path.join(ROOT, d, name)
            src = module_of(path)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for lib in SYS.findall(text):
                if lib in LIBRARIES and src not in LIBRARIES[lib].split():
                    bad.append("%s/%s includes <%s> (only %s may)" % (d, name, lib, LIBRARIES[lib]))
            for inc in INC.findall(text):
                target = os.path.normpath(os.path.join(ROOT, d, inc))
                if not os.path.exists(target):
                    continue
                if d == "src" and os.path.relpath(target, ROOT).startswith("screens"):
                    bad.append("%s/%s includes %s (src/ must not depend on screens/)" % (d, name, inc))
                dst = module_of(target)
                if dst != src:
                    edges.setdefault(src, set()).add(dst)
                    if dst in PRIVATE and src not in PRIVATE[dst].split():
                        bad.append("%s/%s includes %s (only %s may: it exposes a library)"
                                   % (d, name, inc, PRIVATE[dst]))
                    if src in layer and dst in layer and layer[dst] > layer[src]:
                        bad.append("%s/%s includes %s: %s (%s) -> %s (%s) runs up a layer"
                                   % (d, name, inc, src, LAYER_NAMES[layer[src]], dst,
                                      LAYER_NAMES[layer[dst]]))
                seen.add(src)
                seen.add(dst)
    for d in ("src", "screens"):
        for name in os.listdir(os.path.join(ROOT, d)):
            if name.endswith((".c", ".h")):
                seen.add(module_of(os.path.join(ROOT, d, name)))
    for m in sorted(seen - set(layer)):
        bad.append("module %s has no layer: add it to LAYERS in tools/depcheck.py" % m)
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
            print("%-12s %-9s -> %s" % (m, LAYER_NAMES[layer[m]] if m in layer else "?",
                                         " ".join(sorted(edges[m]))))
    for b in bad:
        print("depcheck: " + b)
    print("depcheck: %d modules, %d problems" % (len(edges), len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
