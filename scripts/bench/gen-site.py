#!/usr/bin/env python3
"""Generates a deterministic static site for crawl benchmarks.

Pages /p/<i>.html (~20 KB each) form a tree of fanout 10 from /index.html plus pseudo-random cross links, a
navigation bar and a footer, like a real documentation site. Every 50th page lives under /private/, which
robots.txt disallows, so the crawler must skip that subtree.
Usage: gen-site.py DIR [PAGES]
"""
import os
import sys

WORDS = ("crawler frontier politeness robots sitemap archive index search vector chunk embed token parse "
         "anchor header status redirect canonical fetch queue host origin budget depth scope filter the a of "
         "and to in is for on with as by at from this that").split()


def path_of(i):
    return f"/private/p/{i}.html" if i % 50 == 7 else f"/p/{i}.html"


def text(rng, words):
    out = []
    for _ in range(words):
        rng = (rng * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        out.append(WORDS[(rng >> 33) % len(WORDS)])
    return rng, " ".join(out)


def main():
    root = sys.argv[1]
    pages = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    os.makedirs(os.path.join(root, "p"), exist_ok=True)
    os.makedirs(os.path.join(root, "private", "p"), exist_ok=True)
    with open(os.path.join(root, "robots.txt"), "w") as f:
        f.write("User-agent: *\nDisallow: /private/\n")
    nav = "".join(f'<li><a href="{path_of(i)}">Section {i}</a></li>' for i in range(1, 8))
    # A pool of paragraphs, picked per page by the generator: deterministic, varied, and fast to produce.
    rng = 7
    pool = []
    for _ in range(997):
        rng, para = text(rng, 220)
        pool.append(f"<p>{para}</p>")
    rng = 42
    for i in range(pages):
        children = [c for c in range(i * 10 + 1, i * 10 + 11) if c < pages]
        cross = []
        for _ in range(10):
            rng = (rng * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
            cross.append((rng >> 20) % pages)
        body = []
        for p in range(13):
            rng = (rng * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
            body.append(pool[(rng >> 33) % len(pool)])
        links = "".join(f'<li><a href="{path_of(c)}">Child {c}</a></li>' for c in children)
        # Every third cross link carries a fragment: the same page, spelled differently.
        links += "".join(f'<li><a href="{path_of(c)}#s{c % 7}">See {c}</a></li>' if c % 3 == 0 else
                         f'<li><a href="{path_of(c)}">See {c}</a></li>' for c in cross)
        html = (f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Page {i}</title>"
                f'<link rel=canonical href="{path_of(i)}"></head><body><nav><ul><li><a href="/index.html">Home</a></li>{nav}</ul></nav>'
                f"<main><h1>Page {i}</h1>{''.join(body)}<ul>{links}</ul></main>"
                f"<footer><p>Generated fixture, page {i} of {pages}.</p></footer></body></html>")
        name = os.path.join(root, path_of(i).lstrip("/"))
        with open(name, "w") as f:
            f.write(html)
        if i == 0:
            with open(os.path.join(root, "index.html"), "w") as f:
                f.write(html)


if __name__ == "__main__":
    main()
