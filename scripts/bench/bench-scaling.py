#!/usr/bin/env python3
"""Benchmark (not a test): does `clipmark analyze` stay linear on pastes built to stress it?

For each kind of synthetic paste (many links and site names, many distinct names, repeated
surnames, one very long line, no punctuation, dense dates/money, acronyms, all-caps headlines,
bullets), times `analyze` on N lines and on 4·N lines and prints the ratio (about 4 when
linear; timing on a busy machine is noisy, so read ratios well above 6 as a warning).

    python3 scripts/bench/bench-scaling.py [--bin target/release/clipmark] [--lines 5000]
"""
import argparse, os, random, subprocess, tempfile, time

FIRST = ['John', 'Mary', 'Ahmed', 'Olga', 'Sergei', 'Li', 'Maria', 'Peter', 'Anna', 'Kofi']


def paste(kind, n):
    r = random.Random(1)
    if kind == 'links':
        rows = ['Visit example%d.com or https://www.site%d.org/x today with Site%d and Example%d.' % (i, i, i, i) for i in range(n)]
    elif kind == 'names':
        rows = ['%s Surname%d said on Monday that Company%d Inc. would buy Brand%d.' % (r.choice(FIRST), i, i, i) for i in range(n)]
    elif kind == 'surnames':
        rows = ['Mr. Smith%d met Smith%d and Jones%d in Paris.' % (i % 500, i, i % 700) for i in range(n)]
    elif kind == 'long-line':
        rows = [' '.join('Word%d and London said Paul Smith.' % i for i in range(n))]
    elif kind == 'no-punctuation':
        rows = [' '.join('word%d' % i for i in range(n * 8))]
    elif kind == 'dates':
        rows = ['Published 12 March 2021 10:%02d, updated 2021-03-%02d, $%d million, %d%%' % (i % 60, i % 28 + 1, i, i % 100) for i in range(n)]
    elif kind == 'acronyms':
        rows = ['The Agency Number %d (AN%d) and the AN%d office of A%d B%d C%d.' % ((i,) * 6) for i in range(n)]
    elif kind == 'capitals':
        rows = ['BREAKING NEWS HEADLINE NUMBER %d FROM LONDON' % i for i in range(n)]
    elif kind == 'same-line':
        rows = ['The President of France met Angela Merkel in Berlin on Monday.'] * n
    elif kind == 'bullets':
        rows = ['  • Item %d of the list of Related stories about Paris' % i for i in range(n)]
    else:
        raise ValueError(kind)
    return '\n'.join(rows) + '\n'


def timed(binary, path):
    t = time.perf_counter()
    subprocess.run([binary, 'analyze', path], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', default='target/release/clipmark')
    ap.add_argument('--lines', type=int, default=5000)
    a = ap.parse_args()
    kinds = ['links', 'names', 'surnames', 'long-line', 'no-punctuation', 'dates', 'acronyms', 'capitals', 'same-line', 'bullets']
    print('%-15s %10s %9s %10s %9s %6s' % ('paste', 'N bytes', 'N s', '4N bytes', '4N s', 'ratio'))
    with tempfile.TemporaryDirectory() as d:
        for k in kinds:
            sizes, times = [], []
            for n in (a.lines, 4 * a.lines):
                p = os.path.join(d, '%s-%d.txt' % (k, n))
                with open(p, 'w', encoding='utf-8') as f:
                    f.write(paste(k, n))
                sizes.append(os.path.getsize(p))
                times.append(min(timed(a.bin, p) for _ in range(2)))
            print('%-15s %10d %9.3f %10d %9.3f %6.1f' % (k, sizes[0], times[0], sizes[1], times[1], times[1] / max(times[0], 1e-9)))


if __name__ == '__main__':
    main()
