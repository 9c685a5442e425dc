#!/usr/bin/env python3
"""Which printed figures of a disclosure would a defect in go unnoticed?

Moves each amount with two decimals printed on the lines of the cells read
(or on lines FROM..TO) by three in its first decimal, one at a time, checks
the text with the CLI, and prints which rules then give a new error, and
every figure for which none does. A development aid (not a test): run it on
a real text to find cells no rule checks.

  python3 scripts/mutation_scan.py target/release/gongkai FILE.layout.txt [FROM TO]
"""
import json, re, subprocess, sys, collections
cli, path = sys.argv[1], sys.argv[2]
import csv, io
if len(sys.argv) > 3:
    rng = range(int(sys.argv[3]) - 1, int(sys.argv[4]))
else:  # the lines of the cells read
    out = subprocess.run([cli, 'check', '--format', 'tables-csv', path], capture_output=True).stdout.decode('utf-8-sig')
    rng = sorted({int(r['原文行']) - 1 for r in csv.DictReader(io.StringIO(out)) if r['金额']})
lines = open(path, encoding='utf-8').read().split('\n')
def errors(text):
    p = subprocess.run([cli, 'check', '--format', 'json', '-'], input=text.encode(), capture_output=True)
    d = json.loads(p.stdout)['documents'][0]
    return {(f['rule'], f['source_line']) for f in d['findings'] if f['severity'] == 'error'} | {(a.split('：')[0], f['source_line']) for f in d['findings'] if f['severity']=='error' for a in f['also']}
base = errors('\n'.join(lines))
num = re.compile(r'(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d{2}(?![\d])')
missed = []; caught = collections.Counter()
for i in rng:
    for m in num.finditer(lines[i]):
        s = m.group(0)
        t = int(s[-2]); ns = s[:-2] + str((t + 3) % 10) + s[-1]
        l2 = lines[:]; l2[i] = lines[i][:m.start()] + ns + lines[i][m.end():]
        new = errors('\n'.join(l2)) - base
        rules = sorted({r for r, _ in new})
        if rules: caught[tuple(rules)] += 1
        else: missed.append((i + 1, s, lines[i].strip()[:70]))
print('caught', sum(caught.values()), 'missed', len(missed))
for k, v in caught.most_common(): print(v, k)
for x in missed: print('MISS', x)
