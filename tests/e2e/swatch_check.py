"""swatch_check.py -- the calculator legend's swatches have the bar's colours.

Reads `tmux capture-pane -e -p` text on stdin; tracks the foreground and
background the SGR sequences set, and prints the colours in effect at each of
█ ▒ ░ on the bar line and on the legend line, then "same" or "differ".
SPDX-License-Identifier: MIT
"""
import re
import sys

SWATCH = "█▒░"
fg, bg = "39", "49"
seen = {}  # (line kind, swatch) -> (fg, bg)
for line in sys.stdin.read().split("\n"):
    kind = "legend" if "医保报销" in re.sub(r"\x1b\[[0-9;]*m", "", line) else "bar"
    pos = 0
    for m in re.finditer(r"\x1b\[([0-9;]*)m|(.)", line, re.S):
        if m.group(1) is not None:
            codes = m.group(1).split(";") if m.group(1) else ["0"]
            i = 0
            while i < len(codes):
                c = codes[i]
                if c == "0":
                    fg, bg = "39", "49"
                elif c in ("38", "48") and i + 2 < len(codes) and codes[i + 1] == "5":
                    if c == "38":
                        fg = "38;5;" + codes[i + 2]
                    else:
                        bg = "48;5;" + codes[i + 2]
                    i += 2
                elif re.fullmatch(r"3[0-79]|9[0-7]", c):
                    fg = c
                elif re.fullmatch(r"4[0-79]|10[0-7]", c):
                    bg = c
                i += 1
        elif m.group(2) in SWATCH:
            seen.setdefault((kind, m.group(2)), (fg, bg))
for s in SWATCH:
    print(s, "bar", seen.get(("bar", s)), "legend", seen.get(("legend", s)))
pairs = [(seen.get(("bar", s)), seen.get(("legend", s))) for s in SWATCH if ("legend", s) in seen]
print("same" if pairs and all(b == l for b, l in pairs) else "differ")
