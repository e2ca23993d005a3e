#!/usr/bin/env python3
# status_server.py -- a test double of the status lookup service (SPEC.md section 6)
# SPDX-License-Identifier: MIT
"""Serve POST /v1/lookup over HTTPS on 127.0.0.1 for the end-to-end tests.

Python 3 standard library only; certificates are made at start with the
openssl command line tool. Four listeners on free ports:

  main       HTTPS, certificate for IP 127.0.0.1 signed by DIR/ca.pem
  wronghost  HTTPS, certificate for another host name, same CA
  untrusted  HTTPS, certificate for 127.0.0.1 from a CA the client does not know
  http       plain HTTP (for allow_loopback_http)

The answer is chosen by the ID number in the body (FIXTURES: one valid ID per
record state and per fault) or, for paths other than [PREFIX]/v1/lookup, a 404
page. Request lines (never bodies) go to DIR/requests.log, so a test can check
that no ID number ever appears in a URL.

  status_server.py --dir DIR [--token TOKEN]   start; writes DIR/ports (sh syntax)
  status_server.py --id NAME                   print the fixture ID called NAME
  status_server.py --ids                       print "NAME ID" for every fixture
"""
import argparse
import http.server
import json
import os
import signal
import sys
import threading
import time

import testtls

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"
DATE = "2025-03-01"


def make_id(seq):
    """A valid ID number (GB 11643 check digit): Beijing Chaoyang, born 1990-01-01."""
    body = "11010519900101%03d" % seq
    return body + CHECK[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]


# name: (sequence number, kind or None for any, state or fault)
FIXTURES = {
    "enrolled": (101, "enrollment", "enrolled"),
    "not_enrolled": (102, "enrollment", "not_enrolled"),
    "suspended": (103, "enrollment", "suspended"),
    "paid": (111, "payment", "paid"),
    "unpaid": (112, "payment", "unpaid"),
    "pending": (113, "payment", "pending"),
    "in_production": (121, "card", "in_production"),
    "ready_for_pickup": (122, "card", "ready_for_pickup"),
    "mailed": (123, "card", "mailed"),
    "collected": (124, "card", "collected"),
    "submitted": (131, "claim", "submitted"),
    "reviewing": (132, "claim", "reviewing"),
    "approved": (133, "claim", "approved"),
    "claim_paid": (134, "claim", "paid"),
    "rejected": (135, "claim", "rejected"),
    "canary": (777, "card", "ready_for_pickup"),
    "echo": (778, "card", "!echo"),
    "slow": (201, None, "!slow"),
    "stall": (202, None, "!stall"),
    "error500": (203, None, "!500"),
    "notfound": (204, None, "!404"),
    "html": (205, None, "!html"),
    "malformed": (206, None, "!malformed"),
    "big": (207, None, "!big"),
    "bigstream": (208, None, "!bigstream"),
    "deep": (209, None, "!deep"),
    "wrongtypes": (210, None, "!wrongtypes"),
    "unknownstate": (211, None, "!unknownstate"),
    "redirect_http": (212, None, "!redirect_http"),
    "redirect_file": (213, None, "!redirect_file"),
    "kindmismatch": (214, None, "!kindmismatch"),
    "missingfield": (215, None, "!missingfield"),
}

DETAILS = {
    ("enrollment", "enrolled"): "2025年度已参保,待遇正常。",
    ("enrollment", "not_enrolled"): "没有查到2025年度的参保登记。",
    ("enrollment", "suspended"): "因重复参保,居民医保已暂停。",
    ("payment", "paid"): "2025年度居民医保费已到账。",
    ("payment", "unpaid"): "2025年度居民医保费还没有交。",
    ("payment", "pending"): "银行代扣已提交,等待到账。",
    ("card", "in_production"): "医保卡已送制卡中心。",
    ("card", "ready_for_pickup"): "医保卡已到网点,请带身份证领取。",
    ("card", "mailed"): "医保卡已寄出,请留意快递。",
    ("card", "collected"): "医保卡已由本人领取。",
    ("claim", "submitted"): "报销材料已收到。",
    ("claim", "reviewing"): "报销材料正在审核。",
    ("claim", "approved"): "报销已批准,等待拨付。",
    ("claim", "paid"): "报销款已打到社保卡。",
    ("claim", "rejected"): "发票不符合规定,报销申请没有通过。",
}


def record(kind, state):
    rec = {"kind": kind, "state": state, "detail": DETAILS.get((kind, state), "测试记录"),
           "updated": DATE, "extra_field_ignored": [1, 2, 3]}
    if kind == "card":
        rec["pickup_location"] = "朝阳区医保服务中心一楼3号窗口"
    elif kind == "payment":
        rec["year"] = 2025
        rec["amount_fen"] = 40000
    elif kind == "claim":
        rec["claim_id"] = "BX2025-000123"
    return rec


BY_ID = {make_id(seq): (name, kind, what) for name, (seq, kind, what) in FIXTURES.items()}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "yibao-test"

    def setup(self):
        ctx = self.server.tls
        if ctx is not None:
            # Handshake in this request's thread, so a stuck client blocks no one.
            self.request.settimeout(10)
            self.request = ctx.wrap_socket(self.request, server_side=True)
        super().setup()

    def log_message(self, fmt, *args):
        pass

    def log_request(self, code="-", size="-"):
        with self.server.log_lock, open(self.server.log_path, "a", encoding="utf-8") as f:
            f.write("%s %s %s\n" % (self.server.name, self.requestline, code))

    def send(self, code, body, ctype="application/json", extra=None):
        if isinstance(body, (dict, list)):
            body = json.dumps(body, ensure_ascii=False)
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.send(405, {"error": "method_not_allowed"})

    def do_POST(self):
        # Read the body first, whatever the answer: left unread, it would be taken
        # for the next request line (and logged).
        self.close_connection = True
        try:
            n = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(n) if 0 <= n <= 65536 else b""
        except ValueError:
            raw = b""
        prefix = self.server.prefix
        if self.path != prefix + "/v1/lookup":
            self.send(404, "<html><body>no such page</body></html>", "text/html")
            return
        token = self.server.token
        if token is not None and self.headers.get("Authorization") != "Bearer " + token:
            self.send(401, {"error": "unauthorized"})
            return
        try:
            req = json.loads(raw.decode("utf-8"))
            id_number, kind = req["id_number"], req["kind"]
            assert isinstance(id_number, str) and kind in ("enrollment", "payment", "card", "claim")
            assert self.headers.get("Content-Type") == "application/json"
        except (ValueError, KeyError, AssertionError, UnicodeDecodeError):
            self.send(400, {"error": "bad_request"})
            return
        name, fkind, what = BY_ID.get(id_number, (None, None, "!404"))
        if what == "!echo":
            # The number written into the answer's text: the client must mask it.
            rec = record(kind, "mailed")
            rec["detail"] = "身份证号%s的医保卡已寄出。" % id_number
            self.send(200, rec)
            return
        if not what.startswith("!"):
            if fkind != kind:
                self.send(404, {"error": "not_found"})
            else:
                rec = record(kind, what)
                if name == "canary":
                    # Services echo the request: the client must wipe what it received.
                    rec["id_number"] = id_number
                self.send(200, rec)
            return
        self.fault(what[1:], kind)

    def fault(self, what, kind):
        if what == "slow":
            time.sleep(20)
            self.send(200, record(kind, "enrolled" if kind == "enrollment" else "paid"))
        elif what == "stall":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "400")
            self.end_headers()
            self.wfile.write(b'{"kind": "%s", "state": ' % kind.encode())
            self.wfile.flush()
            time.sleep(20)
        elif what == "500":
            self.send(500, {"error": "internal"})
        elif what == "404":
            self.send(404, {"error": "not_found"})
        elif what == "html":
            self.send(200, "<html><body>维护中</body></html>", "text/html; charset=utf-8")
        elif what == "malformed":
            self.send(200, '{"kind": "%s", "state": "paid", "detail": ' % kind)
        elif what == "big":
            self.send(200, {"kind": kind, "state": "x", "detail": "长" * (1 << 19),
                            "updated": DATE})
        elif what == "bigstream":
            # No length: the client must stop it while it arrives.
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            self.wfile.write(b'{"kind": "card", "detail": "')
            for _ in range(64):
                self.wfile.write(b"x" * 16384)
            self.wfile.write(b'"}')
        elif what == "deep":
            self.send(200, '{"kind": ' + "[" * 5000 + "]" * 5000 + "}")
        elif what == "wrongtypes":
            self.send(200, {"kind": kind, "state": 3, "detail": ["x"], "updated": 20250301})
        elif what == "unknownstate":
            self.send(200, {"kind": kind, "state": "teleported", "detail": "未知的测试状态",
                            "updated": DATE})
        elif what == "redirect_http":
            self.send(302, "", "text/plain",
                      {"Location": "http://127.0.0.1:%d/v1/lookup" % self.server.http_port})
        elif what == "redirect_file":
            self.send(302, "", "text/plain", {"Location": "file:///etc/passwd"})
        elif what == "kindmismatch":
            other = "claim" if kind != "claim" else "card"
            self.send(200, record(other, "submitted" if other == "claim" else "mailed"))
        elif what == "missingfield":
            self.send(200, {"kind": kind, "state": "paid", "updated": DATE})


def make_certs(d):
    """ca.pem (trusted by the test config), server, wronghost and untrusted certificates."""
    testtls.make_ca(d, "ca", "yibao test ca")
    testtls.make_ca(d, "otherca", "yibao test otherca")
    testtls.make_cert(d, "server", "IP:127.0.0.1", "ca")
    testtls.make_cert(d, "wronghost", "DNS:wrong-host.invalid", "ca")
    testtls.make_cert(d, "untrusted", "IP:127.0.0.1", "otherca")


def listen(name, d, cert, args, log_lock):
    srv = testtls.Server(("127.0.0.1", 0), Handler)
    srv.name = name
    srv.log_path = os.path.join(d, "requests.log")
    srv.log_lock = log_lock
    srv.token = args.token
    srv.prefix = args.prefix.rstrip("/")
    srv.tls = testtls.tls_context(d, cert) if cert is not None else None
    return srv


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir")
    ap.add_argument("--token")
    ap.add_argument("--prefix", default="")
    ap.add_argument("--id")
    ap.add_argument("--ids", action="store_true")
    args = ap.parse_args()
    if args.id:
        print(make_id(FIXTURES[args.id][0]))
        return 0
    if args.ids:
        for name, (seq, _, _) in FIXTURES.items():
            print(name, make_id(seq))
        return 0
    if not args.dir:
        ap.error("--dir is needed")
    d = os.path.abspath(args.dir)
    os.makedirs(d, exist_ok=True)
    make_certs(d)
    lock = threading.Lock()
    servers = {name: listen(name, d, cert, args, lock)
               for name, cert in (("main", "server"), ("wronghost", "wronghost"),
                                  ("untrusted", "untrusted"), ("http", None))}
    for s in servers.values():
        s.http_port = servers["http"].server_address[1]
        threading.Thread(target=s.serve_forever, daemon=True).start()
    testtls.write_ports(d, {name: s.server_address[1] for name, s in servers.items()})
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    sys.exit(main())
