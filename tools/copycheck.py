#!/usr/bin/env python3
"""copycheck.py -- find runs of Chinese text copied from the source documents.

Usage: python3 tools/copycheck.py [--min N] CONTENT_DIR SEED_FILE_OR_DIR...

Prints one line per run of at least N (default 15) CJK ideographs that a
content/*.md file shares with a seed text, as FILE:LINE, and exits 1 if there
is any (0 if none, 2 on bad usage). The guide states the sources' facts in its
own words; a long identical run means a sentence was copied.

What counts as "identical":
  * Both texts are NFKC-normalised, so full-width and ASCII forms are alike.
  * Punctuation, spaces and markdown marks are skipped: changing a comma does
    not make a copied sentence one's own. CJK ideographs, ASCII letters and
    digits are kept and must match; only the ideographs are counted.
  * Names may stay: text inside 《》 or “” (a form's title, an app or a button
    label) is a name, so a run never crosses it; a run that is exactly a list
    of three or more short names separated by 、 (a list of banks, of the
    groups the fee table names) is reported as a name list and not counted.
    A run never crosses a line end.
SPDX-License-Identifier: MIT
"""
import os
import sys
import unicodedata

GRAM = 6  # index length; any reported run is longer than this
BREAK = None  # marks a place a run cannot cross


def is_cjk(ch):
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or
            0x20000 <= o <= 0x2A6DF or 0xF900 <= o <= 0xFAFF)


def kept(ch):
    return is_cjk(ch) or ch.isascii() and ch.isalnum()


def units(text):
    """The text as a list of (char, line, column) with BREAK where a run must stop."""
    out = []
    for lineno, raw in enumerate(text.split("\n"), 1):
        # Quote and title marks are read before NFKC, which would fold some.
        depth = 0
        for col, ch in enumerate(raw):
            if ch in "《“「":
                depth += 1
                out.append((BREAK, lineno, col))
                continue
            if ch in "》”」":
                depth = max(0, depth - 1)
                out.append((BREAK, lineno, col))
                continue
            if depth > 0:
                continue
            for c in unicodedata.normalize("NFKC", ch):
                if kept(c):
                    out.append((c, lineno, col))
        out.append((BREAK, lineno, len(raw)))
    return out


NAME_MAX = 12  # ideographs in one name of a name list


def name_list(line, start, end):
    """Is line[start:end], with what borders it, a list of names split by 、?"""
    before = line[start - 1] if start > 0 else ""
    after = line[end] if end < len(line) else ""
    if (before and kept(unicodedata.normalize("NFKC", before)[:1] or " ")) or \
            (after and after not in "、等，。；：,.;:）) |" and kept(after)):
        return False
    items = line[start:end].split("、")
    if len(items) < 3:
        return False
    for it in items:
        n = sum(1 for c in it if is_cjk(c))
        if n == 0 or n > NAME_MAX or any(c in it for c in "，。；：,.;:"):
            return False
    return True


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def seed_files(args):
    files = []
    for a in args:
        if os.path.isdir(a):
            files += [os.path.join(a, n) for n in sorted(os.listdir(a))
                      if n.endswith(".txt")]
        else:
            files.append(a)
    return files


def index_seeds(files):
    """All GRAM-grams of the seeds -> list of (seed number, position)."""
    seeds, index = [], {}
    for k, path in enumerate(files):
        u = units(read(path))
        chars = [c for c, _, _ in u]
        seeds.append((path, chars))
        for i in range(len(chars) - GRAM + 1):
            g = chars[i:i + GRAM]
            if BREAK in g:
                continue
            index.setdefault("".join(g), []).append((k, i))
    return seeds, index


def runs(path, seeds, index, minimum):
    """Maximal runs of path's text found in a seed, with >= minimum ideographs."""
    text = read(path)
    lines = text.split("\n")
    u = units(text)
    chars = [c for c, _, _ in u]
    found = []
    covered = -1  # content position up to which a reported run already reaches
    for i in range(len(chars) - GRAM + 1):
        g = chars[i:i + GRAM]
        if BREAK in g:
            continue
        best = None
        for k, j in index.get("".join(g), ()):
            # Only runs that start here (not inside a longer run seen before).
            s = seeds[k][1]
            if i > 0 and j > 0 and chars[i - 1] is not BREAK and chars[i - 1] == s[j - 1]:
                continue
            n = GRAM
            while (i + n < len(chars) and j + n < len(s) and chars[i + n] is not BREAK
                   and chars[i + n] == s[j + n]):
                n += 1
            if best is None or n > best[0]:
                best = (n, k)
        if best is None or i + best[0] <= covered:
            continue
        run = "".join(chars[i:i + best[0]])
        last = u[i + best[0] - 1]
        if sum(1 for c in run if is_cjk(c)) >= minimum:
            names = last[1] == u[i][1] and name_list(lines[u[i][1] - 1], u[i][2], last[2] + 1)
            found.append((u[i][1], run, seeds[best[1]][0], names))
            covered = i + best[0]
    return found


def main(argv):
    minimum = 15
    args = argv[1:]
    if len(args) >= 2 and args[0] == "--min":
        try:
            minimum = int(args[1])
        except ValueError:
            minimum = 0
        args = args[2:]
    if len(args) < 2 or minimum < GRAM + 1:
        sys.stderr.write("usage: copycheck.py [--min N>%d] CONTENT_DIR SEEDS...\n" % GRAM)
        return 2
    files = seed_files(args[1:])
    if not files:
        sys.stderr.write("copycheck.py: no seed files in %s\n" % " ".join(args[1:]))
        return 2
    seeds, index = index_seeds(files)
    total = lists = 0
    for name in sorted(os.listdir(args[0])):
        if not name.endswith(".md"):
            continue
        path = os.path.join(args[0], name)
        for line, run, seed, names in runs(path, seeds, index, minimum):
            what = "name list (allowed)" if names else "identical ideographs"
            if names:
                lists += 1
            else:
                total += 1
            print("%s:%d: %d %s with %s: %s" % (
                path, line, sum(1 for c in run if is_cjk(c)), what,
                os.path.basename(seed), run))
    print("copycheck: %d run(s) of %d or more identical ideographs, %d name list(s)"
          % (total, minimum, lists))
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
