#!/usr/bin/env python3
"""Generates adversarial .docx files for cm-lint's benchmarks and memory checks (#15).

    gen_docx.py paragraphs N OUT.docx   N paragraphs, each with a finding (the .docx quadratic case)
    gen_docx.py bomb MIB OUT.docx       a zip bomb: MIB MiB of XML (text runs outside paragraphs,
                                        a finding before and after), a few hundred KiB compressed
    gen_docx.py textbomb MIB OUT.docx   MIB MiB of XML that is all paragraph text

Only the standard library; the XML is compressed as it is produced, never held whole.
"""
import sys
import zipfile

HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
TAIL = '</w:body></w:document>'
FLAGGED = 'Our coaches give advice drawn from their own careers.'
PARA = '<w:p><w:r><w:t>%s</w:t></w:r></w:p>'


def write(out, chunks):
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open('word/document.xml', 'w', force_zip64=True) as f:
            for chunk in chunks:
                f.write(chunk.encode())


def paragraphs(n):
    yield HEAD
    block = PARA % FLAGGED
    for _ in range(n // 1000):
        yield block * 1000
    yield block * (n % 1000)
    yield TAIL


def bomb(mib, text):
    yield HEAD + PARA % FLAGGED
    if text:
        run = PARA % ('Coaching is a conversation. ' * 36)
    else:
        run = '<w:r><w:t>' + 'x' * 65536 + '</w:t></w:r>'
    chunk = run * max(1, (1 << 20) // len(run))
    written = 0
    while written < mib << 20:
        yield chunk
        written += len(chunk)
    yield PARA % FLAGGED + TAIL


def main():
    kind, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if kind == 'paragraphs':
        write(out, paragraphs(size))
    elif kind in ('bomb', 'textbomb'):
        write(out, bomb(size, kind == 'textbomb'))
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main()
