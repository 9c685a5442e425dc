#!/usr/bin/env python3
"""Scores PDF text extractions against the pdftotext -layout text beside each real PDF.

usage: pdf_compare.py OUTDIR [OUTDIR...]   (each OUTDIR holds NN.txt per PDF and times.tsv)

chars: multiset of non-space characters shared with NN.layout.txt, as recall and precision.
rows:  numeric tokens (amounts such as 18,330.37) of the .layout.txt whose line has a
       Chinese row label, found on one output line together with that label
       (same page where the output has \f page breaks).
Reads ../shared/real in place; nothing is copied.
"""
import collections, glob, os, re, sys, unicodedata

REAL = os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'real')
NUM = re.compile(r'^-?\d{1,3}(,\d{3})*\.\d+$|^-?\d{1,3}(,\d{3})+$|^-?\d+\.\d+$')
CJK = re.compile(r'[\u4e00-\u9fff]')


def fold(s):
    return unicodedata.normalize('NFKC', s)


def chars(s):
    return collections.Counter(c for c in fold(s) if not c.isspace())


def label_of(tokens):
    for t in tokens:
        if CJK.search(t):
            return t
    return None


def row_keys(text):
    """(page, label, amount) for each amount on a labelled line."""
    out = []
    for pno, page in enumerate(text.split('\f')):
        for line in page.split('\n'):
            toks = fold(line).split()
            lab = label_of(toks)
            if lab is None:
                continue
            for t in toks:
                if NUM.match(t):
                    out.append((pno, lab, t))
    return out


def line_sets(text):
    pages = []
    for page in text.split('\f'):
        pages.append([set(fold(l).split()) for l in page.split('\n')])
    return pages


def score(ref, out):
    rc, oc = chars(ref), chars(out)
    shared = sum((rc & oc).values())
    keys = row_keys(ref)
    pages = line_sets(out)
    paged = len(pages) >= len(ref.split('\f')) - 1 and len(pages) > 1
    allsets = [s for p in pages for s in p]
    hit = 0
    for pno, lab, amt in keys:
        sets = pages[pno] if paged and pno < len(pages) else allsets
        if any(lab in s and amt in s for s in sets):
            hit += 1
    return shared / max(1, sum(rc.values())), shared / max(1, sum(oc.values())), hit, len(keys)


def main():
    dirs = sys.argv[1:]
    print('| PDF | pages | ' + ' | '.join(f'{os.path.basename(d)}: chars recall/precision, rows, ms/page' for d in dirs) + ' |')
    print('|---|---|' + '---|' * len(dirs))
    tot = {d: [0, 0, 0, 0, 0.0, 0] for d in dirs}
    for pdf in sorted(glob.glob(os.path.join(REAL, '*.pdf'))):
        nn = os.path.basename(pdf)[:2]
        ref = open(pdf[:-4] + '.layout.txt', encoding='utf-8').read()
        cells = []
        pages = ''
        for d in dirs:
            times = {l.split('\t')[0]: l.rstrip('\n').split('\t') for l in open(os.path.join(d, 'times.tsv'))}
            t = times.get(nn, [nn, '0', '0', 'missing'])
            out = open(os.path.join(d, nn + '.txt'), encoding='utf-8', errors='replace').read() if os.path.exists(os.path.join(d, nn + '.txt')) else ''
            r, p, hit, n = score(ref, out)
            npages = int(t[1]) or len(ref.split('\f'))
            pages = pages or str(npages)
            ms = float(t[2]) * 1000 / max(1, npages)
            status = '' if t[3] == 'ok' else f' **{t[3][:30]}**'
            cells.append(f'{r:.2%} / {p:.2%}, {hit}/{n}, {ms:.1f}{status}')
            a = tot[d]
            rc = sum(chars(ref).values())
            a[0] += r * rc; a[1] += rc; a[2] += hit; a[3] += n; a[4] += float(t[2]); a[5] += npages
        print(f'| {nn} | {pages} | ' + ' | '.join(cells) + ' |')
    print('| all | | ' + ' | '.join(f'{a[0]/max(1,a[1]):.2%}, {a[2]}/{a[3]}, {a[4]*1000/max(1,a[5]):.1f}' for a in tot.values()) + ' |')


if __name__ == '__main__':
    main()
