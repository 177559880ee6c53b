#!/usr/bin/env python3
"""Fresh-process start-up: `copydesk check STORY` run RUNS times, alternating with a second
binary if one is given, reporting the median and best wall and CPU time of each (CPU from the
children's rusage). The machine is shared: compare binaries within one run, not across runs.

    benches/startup.py [--base OTHER_COPYDESK] [--runs 21] [--story examples/stories/seed-article.txt]

Uses COPYDESK_CACHE_DIR as set (for a desk-sized cache, fill one first with a check of a large
file); each binary checks the story once before timing so both start from the same cache.
"""
import argparse
import os
import resource
import statistics
import subprocess
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/copydesk")
    ap.add_argument("--base")
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--story", default="examples/stories/seed-article.txt")
    args = ap.parse_args()
    bins = {"copydesk": args.bin}
    if args.base:
        bins["base"] = args.base
    quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for b in bins.values():
        subprocess.run([b, "check", args.story], **quiet)
    times = {name: ([], []) for name in bins}
    for _ in range(args.runs):
        for name, b in bins.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run([b, "check", args.story], **quiet)
            wall = (time.perf_counter() - t) * 1000
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000
            times[name][0].append(wall)
            times[name][1].append(cpu)
    print("load", " ".join(open("/proc/loadavg").read().split()[:3]))
    for name, (wall, cpu) in times.items():
        print(
            f"{name:9} wall median {statistics.median(wall):.1f} ms, best {min(wall):.1f} | "
            f"cpu median {statistics.median(cpu):.1f} ms, best {min(cpu):.1f}  ({args.runs} runs)"
        )


if __name__ == "__main__":
    main()
