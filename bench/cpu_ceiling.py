"""The machine's own two-process speed-up on a pure CPU-bound Python loop (the ceiling for --workers 2).

`python bench/cpu_ceiling.py N` prints (time of 2 loops in one process) / (time of 2 loops in 2 processes).
"""
import sys
import time
from multiprocessing import get_context


def work(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i % 7
    return s


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30_000_000
    best = 0.0
    with get_context("spawn").Pool(2) as pool:
        pool.map(work, [1000, 1000])
        for _ in range(2):
            t = time.perf_counter()
            work(n)
            work(n)
            one = time.perf_counter() - t
            t = time.perf_counter()
            pool.map(work, [n, n], chunksize=1)
            two = time.perf_counter() - t
            best = max(best, one / two)
    print(best)
