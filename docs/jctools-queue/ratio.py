"""Ratio of mean times, ATOMIC over UNSAFE, with a 99% bootstrap interval over the iterations.

Usage: python3 ratio.py RESULT.json...   (JMH JSON of JctoolsQueueBenchmark)
"""
import json
import random
import sys

random.seed(1)


def mean(x):
    return sum(x) / len(x)


for f in sys.argv[1:]:
    rows = {}
    for r in json.load(open(f)):
        b = r['benchmark'].split('.')[-1]
        rows[(b, r['params']['queue'])] = [x for fork in r['primaryMetric']['rawData'] for x in fork]
        jdk = r['vmVersion']
    for b in ['pair1Thread', 'pair2Threads']:
        for num, den in [('ATOMIC', 'UNSAFE'), ('ATOMIC_UNPADDED', 'UNSAFE_UNPADDED')]:
            if (b, num) not in rows:
                continue
            a, u = rows[(b, num)], rows[(b, den)]
            rs = sorted(mean(random.choices(a, k=len(a))) / mean(random.choices(u, k=len(u)))
                        for _ in range(10000))
            print('%s  %s  %s  %s/%s = %.2f [%.2f-%.2f]  (n=%d+%d)' % (
                f, jdk, b, num, den, mean(a) / mean(u), rs[50], rs[9949], len(a), len(u)))
