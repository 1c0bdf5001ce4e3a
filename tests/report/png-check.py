#!/usr/bin/env python3
"""png-check.py PNG [MIN_COLOURS] [#rrggbb...] - is a screenshot non-trivial?

Reads an 8-bit RGB or RGBA PNG with the standard library only (zlib),
undoes the row filters, and fails unless the image has at least
MIN_COLOURS distinct colours (default 8) and contains every colour named
(exactly: the report's chart colours are solid fills).  Prints width,
height and the colour count.
"""
import struct
import sys
import zlib


def pixels(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("not a PNG")
    pos, idat, w, h, bpp = 8, b"", 0, 0, 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            if depth != 8 or ctype not in (2, 6):
                sys.exit("unsupported PNG: depth %d colour type %d" % (depth, ctype))
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def main():
    path = sys.argv[1]
    need = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    want = [bytes.fromhex(c.lstrip("#")) for c in sys.argv[3:]]
    w, h, bpp, rows = pixels(path)
    colours = set()
    for r in rows:
        for i in range(0, len(r), bpp):
            colours.add(r[i:i + 3])
    print("%dx%d, %d colours" % (w, h, len(colours)))
    missing = [c.hex() for c in want if c not in colours]
    if len(colours) < need or missing:
        sys.exit("too few colours (%d < %d) or missing %s" % (len(colours), need, missing))


if __name__ == "__main__":
    main()
