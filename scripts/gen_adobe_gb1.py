#!/usr/bin/env python3
"""Writes src/input/pdf/data/adobe-gb1.u16le: Adobe-GB1 CID → Unicode (BMP), one
little-endian u16 per CID (0 = none), each stored as the difference from the
previous CID's value (mod 2^16: runs of consecutive characters become runs of 1,
which gzip shrinks from 56 KB to 21 KB), from pdfminer.six's to-unicode-Adobe-GB1.json.gz,
which is Adobe's cmap-resources (BSD-3-Clause) Adobe-GB1-UCS2 mapping.

usage: pip download pdfminer.six --no-deps; unzip the wheel; gen_adobe_gb1.py path/to/pdfminer/cmap
"""
import gzip, json, os, struct, sys

src = os.path.join(sys.argv[1], 'to-unicode-Adobe-GB1.json.gz')
m = json.load(gzip.open(src))['CID2UNICHR_H']
top = max(int(k) for k in m)
table = [0] * (top + 1)
for k, v in m.items():
    if len(v) == 1 and ord(v) < 0x10000:
        table[int(k)] = ord(v)
out = os.path.join(os.path.dirname(__file__), '..', 'src', 'input', 'pdf', 'data', 'adobe-gb1.u16le')
deltas = [(table[i] - (table[i - 1] if i else 0)) & 0xFFFF for i in range(len(table))]
with open(out, 'wb') as f:
    f.write(struct.pack('<%dH' % len(deltas), *deltas))
print(out, len(table), 'CIDs')
