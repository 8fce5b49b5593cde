#!/usr/bin/env python3
"""A static file server for the re-crawl benchmark: Python's own (Last-Modified, If-Modified-Since → 304), with
one TSV line per GET in LOG: path, status, whether the request was conditional, and body bytes sent.

Usage: recrawl-server.py PORT DIRECTORY LOG
"""

import functools
import http.server
import sys
import threading

LOCK = threading.Lock()


class LoggingHandler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        self.sent = 0
        self.code = 0
        super().do_GET()
        conditional = "If-Modified-Since" in self.headers or "If-None-Match" in self.headers
        with LOCK, open(self.server.log_path, "a") as log:
            log.write("%s\t%d\t%d\t%d\n" % (self.path, self.code, int(conditional), self.sent))

    def send_response(self, code, message=None):
        self.code = code
        super().send_response(code, message)

    def copyfile(self, source, outputfile):
        while True:
            piece = source.read(64 * 1024)
            if not piece:
                return
            outputfile.write(piece)
            self.sent += len(piece)

    def log_message(self, format, *args):
        pass


def main(port, directory, log_path):
    handler = functools.partial(LoggingHandler, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", int(port)), handler)
    server.log_path = log_path
    server.serve_forever()


if __name__ == "__main__":
    main(*sys.argv[1:4])
