#!/usr/bin/env python3
"""Check Trawl's WARC output with warcio, independently of the Swift writer.

Usage: check-warc.py FILE [FILE ...]    (.warc or .warc.gz)

For each file, asserts that:
  * every record is WARC/1.1 and warcio reads it (a .warc.gz must hold one gzip member per record);
  * the first record is a warcinfo record;
  * every block and payload digest present verifies (warcio check_digests=True), and every
    response and request carries the digests Trawl writes;
  * each response is immediately followed by a request whose WARC-Concurrent-To is the response's
    WARC-Record-ID, and no request stands alone;
  * each response's HTTP Content-Length equals the payload actually stored;
  * each revisit names a WARC 1.1 profile, WARC-Refers-To-Target-URI and WARC-Refers-To-Date and repeats
    no payload; an identical-payload-digest one carries an HTTP head, WARC-Payload-Digest and
    WARC-Truncated: length, a server-not-modified one an empty block; each is followed by its request.

Problems go to stderr, one per line; stdout gets a one-line summary. Exit status: 0 when every
file passes, 1 when any problem was found, 2 on bad usage or when warcio is not installed.
"""

import base64
import hashlib
import sys

try:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed
except ImportError:
    print("check-warc: warcio is not installed (pip install warcio)", file=sys.stderr)
    sys.exit(2)

READ_SIZE = 1024 * 1024
PROFILES = (
    "http://netpreserve.org/warc/1.1/revisit/server-not-modified",
    "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest",
)


def read_all(stream):
    """Reads a stream to its end and returns the byte count (this drives warcio's digesters)."""
    total = 0
    while True:
        piece = stream.read(READ_SIZE)
        if not piece:
            return total
        total += len(piece)


def check_file(path, counts):
    """Returns the list of problems found in one archive; updates counts per record type."""
    problems = []
    pending_response = None  # (record id, offset) of a response still waiting for its request

    def problem(offset, message):
        problems.append("%s: offset %s: %s" % (path, offset, message))

    with open(path, "rb") as stream:
        iterator = ArchiveIterator(stream, check_digests=True)
        index = -1
        try:
            for record in iterator:
                index += 1
                headers = record.rec_headers
                rec_type = record.rec_type
                rec_id = headers.get_header("WARC-Record-ID")
                payload_length = read_all(record.raw_stream)
                offset = iterator.get_record_offset()
                counts[rec_type] = counts.get(rec_type, 0) + 1

                if headers.protocol != "WARC/1.1":
                    problem(offset, "version is %r, expected WARC/1.1" % headers.protocol)
                if index == 0 and rec_type != "warcinfo":
                    problem(offset, "first record is %r, expected warcinfo" % rec_type)

                checker = record.digest_checker
                for message in checker.problems:
                    problem(offset, "%s record %s: %s" % (rec_type, rec_id, message))
                if rec_type in ("response", "request", "warcinfo"):
                    if not headers.get_header("WARC-Block-Digest"):
                        problem(offset, "%s record %s has no WARC-Block-Digest" % (rec_type, rec_id))
                    elif checker.passed is not True:
                        problem(offset, "%s record %s: digests not verified" % (rec_type, rec_id))
                if rec_type == "response" and not headers.get_header("WARC-Payload-Digest"):
                    problem(offset, "response %s has no WARC-Payload-Digest" % rec_id)

                if pending_response is not None:
                    response_id, response_offset = pending_response
                    pending_response = None
                    if rec_type != "request":
                        problem(response_offset, "response %s is not followed by a request" % response_id)
                    elif headers.get_header("WARC-Concurrent-To") != response_id:
                        problem(offset, "request %s has WARC-Concurrent-To %r, expected %r"
                                % (rec_id, headers.get_header("WARC-Concurrent-To"), response_id))
                    continue

                if rec_type == "revisit":
                    pending_response = (rec_id, offset)
                    # warcio skips revisits' digests; check_revisit_blocks verifies their block digests.
                    if not headers.get_header("WARC-Block-Digest"):
                        problem(offset, "revisit %s has no WARC-Block-Digest" % rec_id)
                    profile = headers.get_header("WARC-Profile")
                    if profile not in PROFILES:
                        problem(offset, "revisit %s has WARC-Profile %r" % (rec_id, profile))
                    for name in ("WARC-Refers-To-Target-URI", "WARC-Refers-To-Date"):
                        if not headers.get_header(name):
                            problem(offset, "revisit %s has no %s" % (rec_id, name))
                    if profile == PROFILES[1] and not headers.get_header("WARC-Payload-Digest"):
                        problem(offset, "identical-payload revisit %s has no WARC-Payload-Digest" % rec_id)
                    if profile == PROFILES[1] and headers.get_header("WARC-Truncated") != "length":
                        problem(offset, "identical-payload revisit %s has no WARC-Truncated: length" % rec_id)
                    # An identical-payload revisit holds the new response's head; a server-not-modified one holds no
                    # block (pywb replays a revisit whose head is a 3xx as that head, an empty 304).
                    if profile == PROFILES[1] and record.http_headers is None:
                        problem(offset, "identical-payload revisit %s has no HTTP head" % rec_id)
                    if profile == PROFILES[0] and record.length not in (0, None):
                        problem(offset, "server-not-modified revisit %s has a block of %s bytes" % (rec_id, record.length))
                    if payload_length != 0:
                        problem(offset, "revisit %s repeats %d payload bytes" % (rec_id, payload_length))
                elif rec_type == "response":
                    pending_response = (rec_id, offset)
                    http = record.http_headers
                    if http is None:
                        problem(offset, "response %s has no HTTP head" % rec_id)
                    else:
                        declared = http.get_header("Content-Length")
                        if declared is None or declared.strip() != str(payload_length):
                            problem(offset, "response %s: HTTP Content-Length %r but %d payload bytes"
                                    % (rec_id, declared, payload_length))
                elif rec_type == "request":
                    problem(offset, "request %s does not follow a response" % rec_id)
        except ArchiveLoadFailed as error:
            problem("?", "warcio could not read the archive: %s" % str(error).strip())

    if index < 0:
        problem(0, "archive holds no records")
    problems += check_revisit_blocks(path)
    if pending_response is not None:
        problem(pending_response[1], "response %s is not followed by a request" % pending_response[0])
    return problems


def check_revisit_blocks(path):
    """Verifies each revisit's WARC-Block-Digest over its raw block (warcio does not check revisits)."""
    problems = []
    with open(path, "rb") as stream:
        iterator = ArchiveIterator(stream, no_record_parse=True)
        for record in iterator:
            if record.rec_type != "revisit":
                read_all(record.raw_stream)
                continue
            declared = record.rec_headers.get_header("WARC-Block-Digest") or ""
            block = record.raw_stream.read()
            algorithm, _, value = declared.partition(":")
            if algorithm.lower() != "sha1":
                problems.append("%s: revisit %s: block digest %r is not sha1"
                                % (path, record.rec_headers.get_header("WARC-Record-ID"), declared))
                continue
            actual = base64.b32encode(hashlib.sha1(block).digest()).decode()
            if actual != value.upper():
                problems.append("%s: revisit %s: block digest %s, block hashes to sha1:%s"
                                % (path, record.rec_headers.get_header("WARC-Record-ID"), declared, actual))
    return problems


def main(paths):
    if not paths:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    counts = {}
    problems = []
    for path in paths:
        try:
            problems += check_file(path, counts)
        except OSError as error:
            problems.append("%s: %s" % (path, error))
    for line in problems:
        print(line, file=sys.stderr)
    records = sum(counts.values())
    by_type = ", ".join("%d %s" % (n, t) for t, n in sorted(counts.items()))
    status = "OK" if not problems else "FAILED (%d problems)" % len(problems)
    print("check-warc: %s: %d files, %d records (%s)" % (status, len(paths), records, by_type or "none"))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
