#!/usr/bin/env python3
"""A hostile web origin for scripts/attack: serves pages built to hurt a crawler, and records every request.

Usage: hostile_origin.py --record FILE [--marker TEXT] [--also HOST:PORT ...] [--v6]

Prints one JSON line on stdout once every listener is up, e.g.
  {"main": 40123, "recorder": 40124, "robots": 40125, "v6": 40123, "also": ["0.0.0.0:80"]}
then serves until it is killed. Every request that reaches any listener is appended to FILE as one JSON line
(listener, method, path, headers) before it is answered, so an attacker can tell what the crawler sent; a streamed
bomb adds an {"event": "streamed", "bytes", "complete"} line once the client stops reading.

Listeners (all threaded, on 127.0.0.1 unless --also names another address):
  main      the hostile pages below, by path
  recorder  the target of the /v1/embeddings redirect: records the request (Authorization included) and answers
            400 with MARKER in its body, so that any text quoting the provider's answer can be recognised
  robots    an origin whose /robots.txt is many MB with pathological wildcard rules; any other path is a page
  --also    extra listeners answering like main (for SSRF checks inside a private network namespace)
  --v6      also listen on [::1] at main's port (v6-only), for http://[::1]:PORT/ seeds

Pages on main: /  /control[/...]  /parse-bomb  /attr-flood  /redirect-loop[/N]  /redirect-loop/self  /gzip-bomb
/sitemap-bomb[...]  /huge-robots  /slow-drip  /slow-drip/headers  /header-flood  /big-body  /v1/embeddings  /robots.txt
Large bodies are built once per process, lazily, and cached as bytes; bombs are streamed from small blocks.
"""
import argparse
import json
import socket
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MiB = 1 << 20
GiB = 1 << 30

_cache = {}
_cache_lock = threading.Lock()


def cached(name, build):
    """Bytes built once per process (the 8 MB pages are not rebuilt per request)."""
    with _cache_lock:
        if name not in _cache:
            _cache[name] = build()
        return _cache[name]


def parse_bomb():
    # ~400k unclosed <div> (deep nesting) then 1.5M stray </i> (a parser error each): ~8 MB.
    return b"<!doctype html><html><head><title>parse bomb</title></head><body>" + b"<div>" * 400_000 + b"</i>" * 1_500_000


def attr_flood():
    # One tag with 200k distinct attributes (libxml2's duplicate-attribute check is quadratic).
    attrs = b" ".join(b"a%d=1" % i for i in range(200_000))
    return b"<!doctype html><html><head><title>attr flood</title></head><body><div " + attrs + b">x</div></body></html>"


def huge_robots():
    # Many MB of robots.txt: first pathological wildcard rules (backtracking matchers explode on long 'a' paths),
    # then ~1M distinct Disallow lines (~32 MB).
    head = [b"User-agent: *"]
    head += [b"Disallow: /" + b"*a" * (20 + i % 20) + b"*b" for i in range(500)]
    head += [b"Allow: /*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*c$"]
    body = b"\n".join(b"Disallow: /private/%07d/*/x*y*z" % i for i in range(1_000_000))
    return b"\n".join(head) + b"\n" + body + b"\n"


def gzip_stream(prefix, block, count, suffix):
    """A gzip member inflating to prefix + block*count + suffix, generated without inflating it here.

    After Z_FULL_FLUSH the compressor's state is reset, so every repetition of `block` compresses to the same
    bytes: those are computed once and repeated. The trailer (CRC-32, size) is computed only if a client reads
    that far. Yields bytes.
    """
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = comp.compress(prefix) + comp.flush(zlib.Z_FULL_FLUSH)
    unit = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)
    tail = comp.compress(suffix) + comp.flush(zlib.Z_FINISH)
    yield b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + head
    group = unit * 64
    left = count
    while left >= 64:
        yield group
        left -= 64
    if left:
        yield unit * left
    crc = zlib.crc32(prefix)
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(suffix, crc)
    size = (len(prefix) + len(block) * count + len(suffix)) & 0xFFFFFFFF
    yield tail + crc.to_bytes(4, "little") + size.to_bytes(4, "little")


class Origin:
    def __init__(self, record_path, marker):
        self.record_path = record_path
        self.marker = marker
        self.lock = threading.Lock()
        self.record_file = open(record_path, "a", buffering=1)
        self.ports = {}

    def record(self, listener, handler):
        entry = {
            "t": time.time(),
            "listener": listener,
            "method": handler.command,
            "path": handler.path,
            "client": handler.client_address[0],
            "headers": [[k, v] for k, v in handler.headers.items()],
        }
        with self.lock:
            self.record_file.write(json.dumps(entry) + "\n")

    def event(self, listener, entry):
        entry.update(t=time.time(), listener=listener)
        with self.lock:
            self.record_file.write(json.dumps(entry) + "\n")


def make_handler(origin, listener):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "hostile"
        sys_version = ""

        def log_message(self, *args):
            pass

        # -- plumbing -------------------------------------------------------------------------------------------
        def handle_one_request(self):
            try:
                super().handle_one_request()
            except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, socket.timeout, OSError):
                self.close_connection = True

        def head(self, status, ctype="text/html; charset=utf-8", length=None, extra=()):
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            if length is not None:
                self.send_header("Content-Length", str(length))
            for k, v in extra:
                self.send_header(k, v)
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True

        def send_bytes(self, body, status=200, ctype="text/html; charset=utf-8", extra=()):
            self.head(status, ctype, len(body), extra)
            if self.command != "HEAD":
                self.wfile.write(body)

        def stream(self, chunks, status=200, ctype="text/html; charset=utf-8", length=None, extra=()):
            self.head(status, ctype, length, extra)
            if self.command == "HEAD":
                return
            sent, complete = 0, False
            try:
                for chunk in chunks:
                    self.wfile.write(chunk)
                    sent += len(chunk)
                complete = True
            finally:
                # How much of a bomb the client actually took: recorded as an event after the request line.
                origin.event(listener, {"event": "streamed", "path": self.path, "bytes": sent, "complete": complete})

        def do_HEAD(self):
            self.do_GET()

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            if 0 < length <= 10 * MiB:
                self.rfile.read(length)
            self.do_GET()

        def do_GET(self):
            origin.record(listener, self)
            try:
                self.route()
            except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, socket.timeout):
                self.close_connection = True

        # -- pages ----------------------------------------------------------------------------------------------
        def route(self):
            path = self.path.split("?", 1)[0]
            if listener == "recorder":
                body = json.dumps({"error": {"message": origin.marker, "type": "invalid_request_error"}}).encode()
                return self.send_bytes(body, 400, "application/json")
            if listener == "robots":
                if path == "/robots.txt":
                    return self.send_bytes(cached("robots", huge_robots), ctype="text/plain")
                return self.send_bytes(control_page(path))
            if path == "/robots.txt":
                return self.send_bytes(b"User-agent: *\nAllow: /\n", ctype="text/plain")
            if path == "/parse-bomb":
                return self.send_bytes(cached("parse-bomb", parse_bomb))
            if path == "/attr-flood":
                return self.send_bytes(cached("attr-flood", attr_flood))
            if path == "/huge-robots":
                return self.send_bytes(cached("robots", huge_robots), ctype="text/plain")
            if path == "/redirect-loop/self":
                return self.send_bytes(b"", 302, extra=[("Location", "/redirect-loop/self")])
            if path.startswith("/redirect-loop"):
                n = path.rsplit("/", 1)[-1]
                n = int(n) + 1 if n.isdigit() else 1
                # Alternates relative, absolute and scheme-relative targets, each hop a new URL.
                host = self.headers.get("Host", "127.0.0.1")
                target = ["/redirect-loop/%d" % n, "http://%s/redirect-loop/%d" % (host, n),
                          "//%s/redirect-loop/%d" % (host, n)][n % 3]
                return self.send_bytes(b"", 301 if n % 2 else 307, extra=[("Location", target)])
            if path == "/gzip-bomb":
                chunks = gzip_stream(b"<html><body><p>", b"a" * MiB, 6 * 1024, b"</p></body></html>")
                return self.stream(chunks, extra=[("Content-Encoding", "gzip")])
            if path.startswith("/sitemap-bomb"):
                return self.sitemap(path)
            if path == "/slow-drip":
                self.head(200, length=100_000)
                for _ in range(100_000):
                    self.wfile.write(b"a")
                    self.wfile.flush()
                    time.sleep(1)
                return
            if path == "/slow-drip/headers":
                for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Drip: " + b"d" * 100_000:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(1)
                return
            if path == "/header-flood":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                for i in range(20_000):
                    self.send_header("X-Flood-%d" % i, "v" * 64)
                body = control_page(path)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True
                self.wfile.write(body)
                return
            if path == "/big-body":
                block = cached("big-block", lambda: (b"<p>" + b"lorem ipsum dolor sit amet " * 40 + b"</p>\n") * 64)
                total = 200 * MiB
                count, rest = divmod(total, len(block))
                prefix = b"<!doctype html><html><head><title>big body</title></head><body>"
                size = len(prefix) + count * len(block) + rest

                def chunks():
                    yield prefix
                    for _ in range(count):
                        yield block
                    yield block[:rest]
                return self.stream(chunks(), length=size)
            if path == "/v1/embeddings":
                target = "http://127.0.0.1:%d/v1/embeddings" % origin.ports["recorder"]
                return self.send_bytes(b"moved", 307, "text/plain", extra=[("Location", target)])
            return self.send_bytes(control_page(path))

        def sitemap(self, path):
            host = self.headers.get("Host", "127.0.0.1")
            base = "http://%s" % host
            if path.endswith(".xml.gz"):
                # A urlset inflating to ~2 GiB of the same <url> record, ~2 MB on the wire.
                record = ("<url><loc>%s/control/s</loc></url>\n" % base).encode()
                block = record * (MiB // len(record))
                prefix = b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                return self.stream(gzip_stream(prefix, block, 2048, b"</urlset>\n"), ctype="application/gzip")
            # An index listing itself, the gzip bomb and 1000 child indexes that each do the same, forever.
            stem = path[: -len(".xml")] if path.endswith(".xml") else path
            locs = [base + "/sitemap-bomb", base + "/sitemap-bomb/big.xml.gz"]
            locs += ["%s%s-%d.xml" % (base, stem, i) for i in range(1000)]
            body = ['<?xml version="1.0" encoding="UTF-8"?>',
                    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
            body += ["<sitemap><loc>%s</loc></sitemap>" % loc for loc in locs]
            body.append("</sitemapindex>")
            return self.send_bytes(("\n".join(body) + "\n").encode(), ctype="application/xml")

    return Handler


def control_page(path):
    links = "".join('<li><a href="/control/%s">page %s</a></li>' % (c, c) for c in "abc")
    return ("<!doctype html><html><head><title>control %s</title></head><body><main><h1>Control page</h1>"
            "<p>hello world, an ordinary page with ordinary words about crawling and search.</p><ul>%s</ul>"
            "</main></body></html>" % (path, links)).encode()


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256


class Server6(Server):
    address_family = socket.AF_INET6

    def server_bind(self):
        self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        super().server_bind()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--record", required=True)
    parser.add_argument("--marker", default="HOSTILE-PROVIDER-BODY-MARKER")
    parser.add_argument("--also", action="append", default=[], help="HOST:PORT of an extra listener like main")
    parser.add_argument("--v6", action="store_true")
    args = parser.parse_args()

    origin = Origin(args.record, args.marker)
    servers = []
    for name in ("main", "recorder", "robots"):
        server = Server(("127.0.0.1", 0), make_handler(origin, name))
        origin.ports[name] = server.server_address[1]
        servers.append(server)
    info = dict(origin.ports)
    if args.v6:
        try:
            servers.append(Server6(("::1", origin.ports["main"]), make_handler(origin, "v6")))
            info["v6"] = origin.ports["main"]
        except OSError as error:
            info["v6_error"] = str(error)
    info["also"] = []
    for spec in args.also:
        host, _, port = spec.rpartition(":")
        try:
            servers.append(Server((host, int(port)), make_handler(origin, "also:" + spec)))
            info["also"].append(spec)
        except OSError as error:
            info.setdefault("also_errors", []).append("%s: %s" % (spec, error))
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print(json.dumps(info), flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
