#!/usr/bin/env python3
# update_server.py -- a static HTTPS file server with faults, for the yibao --update tests
# SPDX-License-Identifier: MIT
"""Serve DIR/www over HTTPS on 127.0.0.1, as any static web server would.

Python 3 standard library only; the test CA and the server certificate are made
at start with the openssl command line tool (DIR/ca.pem is the CA to trust).
Three listeners on free ports, written to DIR/ports (sh syntax):

  MAIN_PORT   HTTPS, certificate for IP 127.0.0.1 signed by DIR/ca.pem
  HTTP_PORT   the same files over plain HTTP (the target of a bad redirect)
  RELAY_PORT  a TCP relay to MAIN_PORT that counts every byte both ways: one
              line "up=N down=M" per connection in DIR/relay.log

GET and HEAD with what static servers do: a strong ETag and Last-Modified,
If-None-Match / If-Modified-Since (304), Range "bytes=N-" or "bytes=N-M" with
If-Range (206), gzip when asked for and DIR/mode says so. Every request is
logged to DIR/requests.log: path, status, the conditional and range headers and
the body bytes sent.

DIR/mode (one word, read at each request; missing = normal) makes requests for
*.bundle misbehave; *.minisig is always served normally:

  normal          as above
  gzip            Content-Encoding: gzip (a weak ETag) when the client accepts it
  truncate        a request without Range gets the full length announced and
                  half the body, then the connection closes
  stall           like truncate, but the connection stays open and silent
  hang            the request is read and never answered
  redirect_http   302 to the same path on HTTP_PORT (plain http)
  redirect_https  302 to the same path with "?moved" on this server
  huge            Content-Length: 100 MiB, and that many zero bytes
  huge_nolength   100 MiB of zero bytes, no length, ended by closing

  update_server.py --dir DIR
"""
import argparse
import email.utils
import gzip
import hashlib
import http.server
import os
import signal
import socket
import sys
import threading
import time

import testtls

HUGE = 100 << 20


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "yibao-update-test"

    def setup(self):
        ctx = self.server.tls
        if ctx is not None:
            self.request.settimeout(30)
            self.request = ctx.wrap_socket(self.request, server_side=True)
        super().setup()

    def log_message(self, fmt, *args):
        pass

    def log_request(self, code="-", size="-"):
        pass

    def note(self, code, sent):
        h = self.headers
        line = "%s %s %s %s range=%s if-range=%s inm=%s ims=%s ae=%s sent=%d\n" % (
            self.server.name, self.command, self.path, code, h.get("Range", "-"),
            h.get("If-Range", "-"), h.get("If-None-Match", "-"),
            h.get("If-Modified-Since", "-"), h.get("Accept-Encoding", "-"), sent)
        with self.server.log_lock, open(self.server.log_path, "a", encoding="utf-8") as f:
            f.write(line.replace("\r", "").replace("\n", " ").rstrip() + "\n")

    def mode(self):
        try:
            with open(os.path.join(self.server.dir, "mode"), encoding="ascii") as f:
                return f.read().strip() or "normal"
        except OSError:
            return "normal"

    def simple(self, code, extra=None, body=b""):
        self.send_response(code)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.note(code, len(body))

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        mode = self.mode() if path.endswith(".bundle") else "normal"
        if mode == "hang":
            self.note("hang", 0)
            self.close_connection = True
            time.sleep(120)
            return
        if mode == "redirect_http":
            self.simple(302, {"Location": "http://127.0.0.1:%d%s" % (self.server.http_port, path)})
            return
        if mode == "redirect_https" and "?" not in self.path:
            self.simple(302, {"Location": path + "?moved"})
            return
        if mode in ("huge", "huge_nolength"):
            self.huge(mode == "huge")
            return
        if mode == "status2000":
            # A four-digit status: not HTTP libcurl accepts (no redirect anywhere).
            self.wfile.write(b"HTTP/1.1 2000 OK\r\nContent-Length: 5\r\n\r\nhello")
            self.note("2000", 5)
            self.close_connection = True
            return
        fs = os.path.normpath(os.path.join(self.server.www, path.lstrip("/")))
        if not fs.startswith(self.server.www + os.sep) or not os.path.isfile(fs):
            self.simple(404, {"Content-Type": "text/html"}, b"<html>no such file</html>")
            return
        with open(fs, "rb") as f:
            data = f.read()
        etag = '"%s"' % hashlib.sha256(data).hexdigest()[:24]
        mtime = int(os.stat(fs).st_mtime)
        lastmod = email.utils.formatdate(mtime, usegmt=True)
        h = self.headers
        gz = mode == "gzip" and "gzip" in (h.get("Accept-Encoding") or "")
        if gz:
            etag = 'W/"%s-gz"' % etag.strip('"')
        common = {"ETag": etag, "Last-Modified": lastmod, "Accept-Ranges": "bytes",
                  "Content-Type": "application/octet-stream"}
        inm = h.get("If-None-Match")
        ims = h.get("If-Modified-Since")
        if inm is not None:
            tags = [t.strip() for t in inm.split(",")]
            weak = [t[2:] if t.startswith("W/") else t for t in tags]
            mine = etag[2:] if etag.startswith("W/") else etag
            if "*" in tags or mine in weak:
                self.simple(304, {"ETag": etag, "Last-Modified": lastmod})
                return
        elif ims is not None:
            try:
                since = email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError):
                since = None
            if since is not None and mtime <= since:
                self.simple(304, {"ETag": etag, "Last-Modified": lastmod})
                return
        rng = h.get("Range")
        ifr = h.get("If-Range")
        if rng is not None and ifr is not None and ifr != etag and ifr != lastmod:
            rng = None
        if gz:
            rng = None
            data = gzip.compress(data)
            common["Content-Encoding"] = "gzip"
        start, end = 0, len(data) - 1
        code = 200
        if rng is not None and rng.startswith("bytes=") and "," not in rng:
            a, _, b = rng[6:].partition("-")
            try:
                start = int(a)
                end = int(b) if b else len(data) - 1
            except ValueError:
                start, end = 0, len(data) - 1
            else:
                if start >= len(data) or end < start:
                    self.simple(416, {"Content-Range": "bytes */%d" % len(data)})
                    return
                end = min(end, len(data) - 1)
                code = 206
                common["Content-Range"] = "bytes %d-%d/%d" % (start, end, len(data))
                if mode == "badrange" and start > 0:
                    # Always one byte early: every resume lands in the wrong place.
                    start -= 1
                    common["Content-Range"] = "bytes %d-%d/%d" % (start, end, len(data))
        body = data[start:end + 1]
        self.send_response(code)
        for k, v in common.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "HEAD":
            self.note(code, 0)
            return
        if code == 200 and mode in ("truncate", "stall"):
            half = body[:len(body) // 2]
            self.wfile.write(half)
            self.wfile.flush()
            self.note("%d-%s" % (code, mode), len(half))
            self.close_connection = True
            if mode == "stall":
                time.sleep(120)
            return
        self.wfile.write(body)
        self.note(code, len(body))

    def huge(self, with_length):
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        if with_length:
            self.send_header("Content-Length", str(HUGE))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        chunk = b"\0" * 65536
        sent = 0
        try:
            while sent < HUGE:
                self.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            pass
        self.note("200-huge", sent)
        self.close_connection = True


def make_certs(d):
    """ca.pem, the test CA, and server.pem/server.key for IP 127.0.0.1."""
    testtls.make_ca(d, "ca", "yibao update test CA")
    testtls.make_cert(d, "server", "IP:127.0.0.1", "ca")


def listen(name, d, tls, lock):
    srv = testtls.Server(("127.0.0.1", 0), Handler)
    srv.name = name
    srv.dir = d
    srv.www = os.path.join(d, "www")
    srv.log_path = os.path.join(d, "requests.log")
    srv.log_lock = lock
    srv.tls = testtls.tls_context(d, "server") if tls else None
    return srv


def relay(d, target_port, lock):
    """Forward connections to target_port, counting the bytes each way."""
    ls = socket.socket()
    ls.bind(("127.0.0.1", 0))
    ls.listen(16)

    def pump(src, dst, counts, i):
        try:
            while True:
                b = src.recv(65536)
                if not b:
                    break
                counts[i] += len(b)
                dst.sendall(b)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def serve(c):
        u = socket.create_connection(("127.0.0.1", target_port))
        counts = [0, 0]
        t = threading.Thread(target=pump, args=(c, u, counts, 0), daemon=True)
        t.start()
        pump(u, c, counts, 1)
        t.join(5)
        c.close()
        u.close()
        with lock, open(os.path.join(d, "relay.log"), "a", encoding="ascii") as f:
            f.write("up=%d down=%d\n" % (counts[0], counts[1]))

    def accept():
        while True:
            c, _ = ls.accept()
            threading.Thread(target=serve, args=(c,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return ls.getsockname()[1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", required=True)
    args = ap.parse_args()
    d = os.path.abspath(args.dir)
    os.makedirs(os.path.join(d, "www"), exist_ok=True)
    make_certs(d)
    lock = threading.Lock()
    main_srv = listen("https", d, True, lock)
    http_srv = listen("http", d, False, lock)
    for s in (main_srv, http_srv):
        s.http_port = http_srv.server_address[1]
        threading.Thread(target=s.serve_forever, daemon=True).start()
    relay_port = relay(d, main_srv.server_address[1], lock)
    testtls.write_ports(d, {"main": main_srv.server_address[1],
                            "http": http_srv.server_address[1], "relay": relay_port})
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    sys.exit(main())
