"""testtls.py -- what the test HTTPS servers share: a test CA, certificates, TLS and ports.

tests/status_server.py and tests/update_server.py import it (Python standard
library and the openssl command line tool only). Everything is made in the
server's own directory at start and lives two days.
SPDX-License-Identifier: MIT
"""
import http.server
import os
import ssl
import subprocess
import sys

EC = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes")


class Server(http.server.ThreadingHTTPServer):
    """A threaded server whose connection errors go to its request log (a refused
    handshake is the point of some tests): set name, log_path and log_lock."""
    daemon_threads = True

    def handle_error(self, request, client_address):
        with self.log_lock, open(self.log_path, "a", encoding="utf-8") as f:
            f.write("%s connection error: %s\n" % (self.name, sys.exc_info()[1]))


def openssl(*args, cwd):
    subprocess.run(("openssl",) + args, cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def make_ca(d, name, subject):
    """d/NAME.pem and d/NAME.key: a CA certificate and its key."""
    openssl("req", "-x509", *EC, "-keyout", name + ".key", "-out", name + ".pem", "-days", "2",
            "-subj", "/CN=" + subject,
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=d)


def make_cert(d, name, san, ca):
    """d/NAME.pem and d/NAME.key: a server certificate for san ("IP:127.0.0.1"), signed by CA."""
    with open(os.path.join(d, name + ".ext"), "w", encoding="ascii") as f:
        f.write("basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
                "subjectAltName=%s\n" % san)
    openssl("req", "-new", *EC, "-keyout", name + ".key", "-out", name + ".csr",
            "-subj", "/CN=%s" % san.split(":", 1)[1], cwd=d)
    openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key",
            "-CAcreateserial", "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext",
            cwd=d)


def tls_context(d, cert):
    """A server TLS context with d/CERT.pem and its key."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(os.path.join(d, cert + ".pem"), os.path.join(d, cert + ".key"))
    return ctx


def write_ports(d, ports):
    """d/ports in sh syntax (NAME_PORT=N), written whole (a reader never sees half)."""
    tmp = os.path.join(d, "ports.tmp")
    with open(tmp, "w", encoding="ascii") as f:
        for name, port in ports.items():
            f.write("%s_PORT=%d\n" % (name.upper(), port))
    os.rename(tmp, os.path.join(d, "ports"))
