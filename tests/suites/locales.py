"""locales.py -- CJK reads right under LANG unset, C.UTF-8 and zh_CN.GB18030.

The GB18030 case checks the bytes the terminal receives: they decode as GB18030
to the right Chinese text. The locale is generated when missing (root).
SPDX-License-Identifier: MIT
"""
import atexit
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from ptydrive import Pty  # noqa: E402

YIBAO = os.environ.get("YIBAO", "./yibao")
tmp = tempfile.mkdtemp(prefix="yibao-locale.")
atexit.register(shutil.rmtree, tmp, True)


def have_gb():
    out = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
    return "zh_cn.gb18030" in out


if not have_gb() and os.geteuid() == 0:
    subprocess.run(["localedef", "-i", "zh_CN", "-f", "GB18030", "zh_CN.GB18030"],
                   capture_output=True)

cases = [("LANG unset", {"LANG": None, "LC_ALL": None, "LC_CTYPE": None}, "utf-8"), ("C.UTF-8", {"LANG": "C.UTF-8"}, "utf-8")]
if have_gb():
    cases.append(("zh_CN.GB18030", {"LANG": "zh_CN.GB18030"}, "gb18030"))
else:
    print("not ok - zh_CN.GB18030 locale missing and could not be generated (needs root)")

for name, env, enc in cases:
    e = {"HOME": tmp, "XDG_CONFIG_HOME": tmp}
    e.update(env)
    p = Pty([YIBAO], env=e)
    p.wait_for("q".encode(), 5)
    p.read(quiet=0.3)
    p.send("g", "6.6", "Enter")
    p.read(quiet=0.3)
    text = p.out.decode(enc, "replace")
    good = "城乡居民医保办事指南" in text and "职工医保和居民医保对比" in text
    print("%s - %s: the terminal receives %s and it reads right" % ("ok" if good else "not ok", name, enc))
    p.send("q")
    p.wait_exit(3)
    p.kill()
    env2 = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_CTYPE")}
    env2.update({k: v for k, v in e.items() if v is not None})
    r = subprocess.run([YIBAO, "--print", "6.6"], capture_output=True, env=env2)
    good = "职工医保和居民医保对比" in r.stdout.decode(enc, "replace")
    print("%s - %s: --print writes %s" % ("ok" if good else "not ok", name, enc))

# charset = gb18030 forces GB18030 output even under a UTF-8 locale.
if have_gb():
    ini = os.path.join(tmp, "gb.ini")
    open(ini, "w").write("[display]\ncharset = gb18030\n")
    r = subprocess.run([YIBAO, "--config", ini, "--print", "0"], capture_output=True,
                       env=dict(os.environ, LANG="C.UTF-8", HOME=tmp))
    good = "城乡居民医保办事指南" in r.stdout.decode("gb18030", "replace") and \
        "城乡居民医保办事指南".encode() not in r.stdout
    print("%s - charset = gb18030 forces GB18030 output" % ("ok" if good else "not ok"))
