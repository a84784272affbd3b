#!/usr/bin/env python3
"""Builds the fuzz targets' seed corpora in fuzz/corpus/<target>/ (git-ignored).

Sources, in order:
  - the fixtures (fixtures/**: .md, .markdown, .mdx, .txt, .html);
  - the natural documents among the regression inputs (fuzz/regressions/lint_documents/);
  - the labelled development corpus (../shared/corpus/labeled.jsonl, the records' `text`);
  - where ../shared exists, at run time only (never copied into the repository): the handbook
    pages (../shared/corpus/handbooks.jsonl) and the pages of ../shared/bench-corpus that use a
    practice word, cut into pieces, at most --max-shared pieces of each.

Each document is cut at paragraph breaks into pieces that fit the target's -max_len, and
encoded the way the target reads its input:
  - lint_documents, structured_documents: the text itself;
  - positions: eight bytes of offsets, then the text;
  - server_messages: a JSON-RPC session, one message a line: open the document, hover, ask
    for code actions and diagnostics, change it, ask again, close it.

Files are named by the SHA-1 of their content (as libFuzzer names what it adds), so running
the script again adds nothing twice. It only adds: what a fuzzing run added to a corpus stays,
unless --clean is given. Under CI (the CI variable set) a missing labelled corpus is an error,
as it is for the tests.
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import sys
from pathlib import Path

FUZZ = Path(__file__).resolve().parent
ROOT = FUZZ.parent
STEM = re.compile(r"coach|mentor|mentee|prot[eé]g[eé]", re.IGNORECASE)

# Each target's -max_len in .ci/run: a seed longer than that would be cut by libFuzzer.
MAX_LEN = {
    "lint_documents": 4096,
    "positions": 4096,
    "server_messages": 4096,
    "structured_documents": 8192,
}
EXTENSIONS = {".md": "md", ".markdown": "md", ".mdx": "md", ".txt": "txt", ".html": "html", ".htm": "html"}
LANGUAGE_ID = {"md": "markdown", "txt": "plaintext", "html": "html"}


def pieces(text, limit):
    """The text cut at paragraph breaks (else line breaks, else spaces) into pieces of at most
    `limit` UTF-8 bytes each, in order, on character boundaries."""
    out = []
    rest = text
    while rest:
        if len(rest.encode("utf-8")) <= limit:
            out.append(rest)
            break
        # The longest prefix that fits, in characters.
        head = rest.encode("utf-8")[:limit].decode("utf-8", errors="ignore")
        cut = -1
        for sep in ("\n\n", "\n", " "):
            cut = head.rfind(sep)
            if cut > 0:
                cut += len(sep)
                break
        if cut <= 0:
            cut = len(head)
        out.append(rest[:cut])
        rest = rest[cut:]
    return [p for p in out if p.strip()]


def session(text, fmt, version_text):
    """A language-server session over one document, one message a line (server_messages)."""
    uri = "file:///seed/doc." + fmt
    lines = text.split("\n")
    last = {"line": len(lines) - 1, "character": len(lines[-1])}
    whole = {"start": {"line": 0, "character": 0}, "end": last}
    middle = {"line": len(lines) // 2, "character": 4}
    doc = {"uri": uri}
    messages = [
        {"jsonrpc": "2.0", "method": "textDocument/didOpen",
         "params": {"textDocument": {"uri": uri, "languageId": LANGUAGE_ID[fmt], "version": 1, "text": text}}},
        {"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover",
         "params": {"textDocument": doc, "position": middle}},
        {"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction",
         "params": {"textDocument": doc, "range": whole, "context": {"diagnostics": []}}},
        {"jsonrpc": "2.0", "method": "textDocument/didChange",
         "params": {"textDocument": {"uri": uri, "version": 2},
                    "contentChanges": [{"range": {"start": middle, "end": middle}, "text": version_text}]}},
        {"jsonrpc": "2.0", "id": 3, "method": "textDocument/diagnostic", "params": {"textDocument": doc}},
        {"jsonrpc": "2.0", "id": 4, "method": "textDocument/codeAction",
         "params": {"textDocument": doc, "range": whole, "context": {"diagnostics": []}}},
        {"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": doc}},
    ]
    return "".join(json.dumps(m, ensure_ascii=False) + "\n" for m in messages)


def encodings(text, fmt):
    """(target, bytes) for every target, from one document."""
    digest = hashlib.sha1(text.encode("utf-8")).digest()
    for target, limit in MAX_LEN.items():
        if target == "positions":
            for piece in pieces(text, limit - 8):
                raw = piece.encode("utf-8")
                offset = (len(raw) * digest[0]) // 256
                header = offset.to_bytes(4, "little") + bytes([digest[1] % 8, digest[2] % 80, 0, 0])
                yield target, header + raw
        elif target == "server_messages":
            # The JSON escapes take room: pieces of a third of the limit fit in most cases;
            # the rest are dropped rather than cut mid-message.
            for piece in pieces(text, limit // 3):
                raw = session(piece, fmt, " a mentor, ").encode("utf-8")
                if len(raw) <= limit:
                    yield target, raw
        else:
            for piece in pieces(text, limit):
                yield target, piece.encode("utf-8")


class Corpora:
    def __init__(self, out):
        self.out = out
        self.added = {t: 0 for t in MAX_LEN}
        for target in MAX_LEN:
            (out / target).mkdir(parents=True, exist_ok=True)

    def add(self, text, fmt):
        for target, raw in encodings(text, fmt):
            path = self.out / target / hashlib.sha1(raw).hexdigest()
            if not path.exists():
                path.write_bytes(raw)
                self.added[target] += 1


def files(folder):
    for path in sorted(folder.rglob("*")):
        fmt = EXTENSIONS.get(path.suffix.lower())
        if fmt and path.is_file():
            yield path, fmt


def jsonl(path):
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                yield record["text"], EXTENSIONS.get("." + record.get("format", "txt"), "txt")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=FUZZ / "corpus")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="the shared data folder (default: ../shared beside the repository)")
    parser.add_argument("--max-shared", type=int, default=800,
                        help="at most this many pieces from each shared third-party source")
    parser.add_argument("--clean", action="store_true", help="empty the corpora first")
    args = parser.parse_args()

    if args.clean and args.out.exists():
        shutil.rmtree(args.out)
    corpora = Corpora(args.out)

    for path, fmt in files(ROOT / "fixtures"):
        corpora.add(path.read_text(encoding="utf-8", errors="replace"), fmt)
    for path, fmt in files(FUZZ / "regressions" / "lint_documents"):
        if path.stat().st_size <= MAX_LEN["lint_documents"]:
            corpora.add(path.read_text(encoding="utf-8", errors="replace"), fmt)

    labelled = args.shared / "corpus" / "labeled.jsonl"
    if labelled.is_file():
        for text, fmt in jsonl(labelled):
            corpora.add(text, fmt)
    elif os.environ.get("CI"):
        sys.exit(f"seed.py: the labelled corpus is missing at {labelled}")
    else:
        print(f"seed.py: no labelled corpus at {labelled}; seeding from the fixtures only", file=sys.stderr)

    # Third-party text: read here, written only to the git-ignored corpora. Only pieces that use
    # a practice word (the rest are skipped by the engine's first look), the first --max-shared
    # of each source in a stable order.
    handbooks = args.shared / "corpus" / "handbooks.jsonl"
    if handbooks.is_file():
        chosen = [(p, f) for t, f in jsonl(handbooks) for p in pieces(t, 4000) if STEM.search(p)]
        for text, fmt in chosen[: args.max_shared]:
            corpora.add(text, fmt)
    bench = args.shared / "bench-corpus"
    if bench.is_dir():
        chosen = []
        for path, fmt in files(bench):
            text = path.read_text(encoding="utf-8", errors="replace")
            if STEM.search(text):
                chosen.extend((p, fmt) for p in pieces(text, 4000) if STEM.search(p))
        chosen.sort(key=lambda pf: hashlib.sha1(pf[0].encode("utf-8")).digest())
        for text, fmt in chosen[: args.max_shared]:
            corpora.add(text, fmt)

    for target in MAX_LEN:
        total = sum(1 for _ in (args.out / target).iterdir())
        print(f"seed: {target}: {corpora.added[target]} added, {total} in {args.out / target}")


if __name__ == "__main__":
    main()
