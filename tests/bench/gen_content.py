#!/usr/bin/env python3
"""gen_content -- write a large content set for load benchmarks

usage: gen_content.py DIR [--screens N] [--seed S]

Writes N content/NAME.md files (default 1000) and a bundle.ini into DIR: a home menu, menus,
sub-menus and pages three levels deep (home -> 9 menus -> 9 sub-menus each ->
pages), with realistic Chinese text made from sentences of the kind the
shipped guide holds: headings, paragraphs, numbered steps, a note, a table on
some pages, links to siblings and back up, and the {{placeholders}} every
region profile defines. The result passes `yibao --check --content DIR` and packs with `yibao --pack`.
Deterministic for a given seed. Python 3 standard library only.

SPDX-License-Identifier: MIT
"""
import argparse
import os
import random
import re

SUBJECTS = ["参保登记", "缴费", "报销", "医保卡", "电子凭证", "异地就医", "门诊", "住院",
            "慢特病", "生育", "新生儿", "学生", "灵活就业人员", "低保对象", "退休人员",
            "外地户口", "居住证", "转移接续", "断缴", "补缴", "待遇", "定点医院", "药店",
            "大病保险", "医疗救助", "家庭共济", "长期护理"]
PLACES = ["社区服务中心", "乡镇便民服务中心", "政务大厅", "医保经办窗口", "定点医院",
          "合作银行网点", "税务大厅", "街道办事处"]
CHANNELS = ["国家医保服务平台APP", "微信小程序", "支付宝市民中心", "手机银行",
            "税务APP", "本地医保公众号"]
SENTENCES = [
    "办理{s}前，先确认自己的户籍地或居住证登记地，再选择离你最近的{p}。",
    "{s}的具体规定各地不同，以{{{{local_office}}}}公布的为准。",
    "可以在{c}上办理{s}，也可以带上身份证到{p}现场办理。",
    "如果对{s}有疑问，可以拨打医保服务热线 {{{{hotline}}}} 咨询。",
    "{s}一般在每年的集中缴费期内办理，错过了要问清楚能不能补办。",
    "办完{s}以后，记得在{c}里查一下是否成功，保存好凭证。",
    "{s}需要的材料一般有身份证、户口簿，部分地区还要近期一寸照片。",
    "老人和不方便用手机的人，可以请家人代办{s}，或者到{p}请工作人员帮忙。",
    "不同人群的{s}标准不一样，低保对象、特困人员等可以享受资助。",
    "在外地看病的，先办好备案，再到定点医院直接结算{s}费用。",
    "{s}的报销比例和起付线每年可能调整，请以当年公布的标准为准。",
    "有的地方要求先在{c}上预约，再到{p}办理{s}，可以少排队。",
]
STEPS = [
    "打开{c}，登录后找到“{s}”。",
    "核对姓名、身份证号和参保地，确认无误。",
    "按提示填写或选择{s}的相关信息。",
    "确认金额后付款，保存缴费凭证或截图。",
    "到{p}办理的，带好身份证原件，按窗口要求填表。",
    "办理完成后，一般几个工作日内可以在{c}查到结果。",
]


def sentence(rng, s):
    return rng.choice(SENTENCES).format(s=s, p=rng.choice(PLACES), c=rng.choice(CHANNELS))


def paragraph(rng, s, n):
    return "".join(sentence(rng, s) for _ in range(n))


def blurb(rng, s, n):
    """A menu entry's description: short, and no placeholder cut in half."""
    return re.sub(r"\{\{[^}]*\}\}", "当地医保部门", sentence(rng, s))[:n]


def front(code, sid, title, kind):
    return ("---\ncode: %s\nid: %s\ntitle: %s\nkind: %s\nupdated: 2026-01-01\n"
            "source: 生成的测试内容\n---\n" % (code, sid, title, kind))


def split(total, parts):
    """total items over parts buckets, as evenly as possible."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def generate(outdir, screens, seed):
    rng = random.Random(seed)
    os.makedirs(outdir, exist_ok=True)
    nmenus, nsub = 9, 9
    npages = max(screens - 1 - nmenus - nmenus * nsub, 0)
    per_sub = split(npages, nmenus * nsub)
    files = {}

    def title_for(k):
        return "%s%s" % (SUBJECTS[k % len(SUBJECTS)],
                         ["怎么办", "须知", "常见问题", "办理流程", "材料清单", "注意事项",
                          "政策解读", "线上办理", "线下办理"][(k // len(SUBJECTS)) % 9])

    home_items = []
    k = 0
    for i in range(1, nmenus + 1):
        mcode, mid = str(i), "m%d" % i
        mtitle = title_for(k)
        k += 1
        home_items.append("- [%s](%s) %s" % (mtitle, mid, blurb(rng, mtitle, 24)))
        sub_items = []
        for j in range(1, nsub + 1):
            scode, sid = "%d.%d" % (i, j), "m%d-%d" % (i, j)
            stitle = title_for(k)
            k += 1
            sub_items.append("- [%s](%s) %s" % (stitle, sid, blurb(rng, stitle, 20)))
            pages = []
            n = per_sub[(i - 1) * nsub + (j - 1)]
            for p in range(1, n + 1):
                pcode, pid = "%d.%d.%d" % (i, j, p), "p%d-%d-%d" % (i, j, p)
                ptitle = title_for(k)
                k += 1
                pages.append((pcode, pid, ptitle))
            page_items = []
            for idx, (pcode, pid, ptitle) in enumerate(pages):
                s = ptitle
                body = ["# %s" % ptitle, "", paragraph(rng, s, rng.randint(2, 4)), "",
                        "## 怎么办", ""]
                for n_, st in enumerate(rng.sample(STEPS, rng.randint(3, 6)), 1):
                    body.append("%d. %s" % (n_, st.format(s=s, p=rng.choice(PLACES),
                                                            c=rng.choice(CHANNELS))))
                body += ["", "> " + sentence(rng, s), ""]
                if rng.random() < 0.3:
                    body += ["| 人群 | 每年个人缴费 | 说明 |", "|---|---|---|"]
                    for who in rng.sample(["普通居民", "学生", "新生儿", "低保对象", "重度残疾人"], 3):
                        body.append("| %s | %d 元 | %s |" % (who, rng.choice([0, 100, 200, 380, 400]),
                                                            blurb(rng, s, 16)))
                    body.append("")
                body += ["## 还要注意", "", paragraph(rng, s, rng.randint(1, 3)), ""]
                links = ["[返回%s](%s)" % (stitle, sid)]
                if idx + 1 < len(pages):
                    links.append("[下一篇：%s](%s)" % (pages[idx + 1][2], pages[idx + 1][1]))
                body.append("相关：" + "、".join(links) + "。")
                files["%s-%s.md" % (pcode, pid)] = front(pcode, pid, ptitle, "page") + "\n".join(body) + "\n"
                page_items.append("- [%s](%s) %s" % (ptitle, pid, blurb(rng, s, 18)))
            files["%s-%s.md" % (scode, sid)] = (front(scode, sid, stitle, "menu") +
                                                paragraph(rng, stitle, 1) + "\n\n" +
                                                "\n".join(page_items) + "\n")
        files["%s-%s.md" % (mcode, mid)] = (front(mcode, mid, mtitle, "menu") +
                                            paragraph(rng, mtitle, 1) + "\n\n" +
                                            "\n".join(sub_items) + "\n")
    files["0-home.md"] = (front("0", "home", "城乡居民医保办事指南（生成的 %d 屏）" % screens, "menu") +
                          "城乡居民基本医疗保险，帮你了解怎么参保、怎么缴费、怎么报销。按数字键选择。\n\n" +
                          "\n".join(home_items) + "\n")
    for name, text in files.items():
        with open(os.path.join(outdir, name), "w", encoding="utf-8") as f:
            f.write(text)
    # What yibao --pack needs besides the screens (content version, policy year, validity).
    # (a version far above the shipped bundle's, so yibao --install-update takes it as newer)
    with open(os.path.join(outdir, "bundle.ini"), "w", encoding="utf-8") as f:
        f.write("[bundle]\nversion = 1000000\npolicy_year = 2025\nvalid_days = 400\n")
    return len(files)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dir")
    p.add_argument("--screens", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    n = generate(a.dir, a.screens, a.seed)
    print("%d screens written to %s" % (n, a.dir))


if __name__ == "__main__":
    main()
