"""snippet_check.py -- search snippets start at a boundary, with "…" when cut.

Reads line mode's output of searches (argv[2]) and the content sources
(argv[1], a directory of .md files). A snippet that starts at the start of its
text (a line, a list item, a quote) has no "…"; one that was cut starts with
"…" and then just after a punctuation mark or a space, never mid-word.
Prints "bad: ..." lines for the snippets that break this.
SPDX-License-Identifier: MIT
"""
import glob
import re
import sys

src = "\n".join(open(f, encoding="utf-8").read() for f in sorted(glob.glob(sys.argv[1] + "/*.md")))
# Inline markup the guide does not show: links keep their text, emphasis marks go.
src = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", src).replace("**", "")
PUNCT = set("，。；：、？！（）()“”‘’《》「」,.;:?! \t—–-/|*>")
lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
checked = 0
for i, line in enumerate(lines):
    if not line.startswith("    ") or line.startswith("     ") or i == 0 or not re.match(r"^  \S", lines[i - 1]):
        continue
    snip = line.strip()
    cut = snip.startswith("…")
    body = snip.lstrip("…").rstrip("…")
    probe = body[:10]
    spots = [m.start() for m in re.finditer(re.escape(probe), src)] if len(probe) >= 4 else []
    if not spots:
        continue  # markup in between: cannot tell
    checked += 1

    def fine(at):
        prev = src[at - 1:at] or "\n"
        if not cut:
            return prev == "\n" or re.search(r"(^|\n)\s*(?:[-*>|#]+|\d+\.)?\s*(?:\[[ xX]\])?\s*$", src[max(0, at - 12):at])
        # Cut: just after punctuation, or no punctuation near enough to start at.
        return prev in PUNCT or prev == "\n" or not any(c in PUNCT or c == "\n" for c in src[max(0, at - 24):at])

    if not any(fine(at) for at in spots):
        print(f"bad: {'cut mid-word' if cut else 'starts mid-text without …'}: {snip}")
print(f"checked {checked}")
