#!/usr/bin/env python3
"""Feeds `trawl embed` CHUNKS texts that each fill the model's 256 tokens and times the answers.

Input is written from a thread while output is read, so neither pipe fills up and stalls the other. The rate is
measured from the first output line (the first batch done, model loaded) to the last, over the lines in between.
"""
import argparse
import json
import subprocess
import sys
import threading
import time

WORDS = ("crawler frontier politeness robots sitemap archive embedding vector queue host page link fetch parse "
         "index search chunk token model store export schedule trigger retry budget depth scope filter").split()


def texts(count):
    # 300 whole-word tokens per text: more than the 254 the model keeps, so every chunk is a full 256.
    return [" ".join(WORDS[(index * 7 + position * 3) % len(WORDS)] for position in range(300)) for index in range(count)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--chunks", type=int, default=256)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    arguments = parser.parse_args()

    started = time.monotonic()
    process = subprocess.Popen(
        [arguments.binary, "embed", "--model", "minilm", "--tokens", "--threads", str(arguments.threads),
         "--batch-size", str(arguments.batch_size)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    payload = "".join(text + "\n" for text in texts(arguments.chunks)).encode()

    def feed():
        process.stdin.write(payload)
        process.stdin.close()

    writer = threading.Thread(target=feed)
    writer.start()
    arrivals = []
    for line in process.stdout:
        arrivals.append(time.monotonic())
        record = json.loads(line)
        if len(record["embedding"]) != 384 or len(record["tokens"]) != 256:
            sys.exit(f"embed-driver: unexpected output line {len(arrivals)}")
    writer.join()
    if process.wait() != 0 or len(arrivals) != arguments.chunks:
        sys.exit(f"embed-driver: trawl embed failed ({len(arrivals)} of {arguments.chunks} lines)")

    first_batch = min(arguments.batch_size, arguments.chunks)
    if arguments.chunks <= first_batch:
        sys.exit("embed-driver: give more chunks than one batch to measure a steady rate")
    steady = (arguments.chunks - first_batch) / (arrivals[-1] - arrivals[first_batch - 1])
    print(f"startup and first batch of {first_batch}: {arrivals[first_batch - 1] - started:.2f} s")
    print(f"minilm: {steady:.1f} chunks/s of 256 tokens "
          f"({arguments.chunks} chunks, {arguments.threads} threads, batches of {arguments.batch_size})")


if __name__ == "__main__":
    main()
