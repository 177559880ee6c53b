#!/usr/bin/env python3
"""Fresh-process start-up: `copydesk check STORY` run RUNS times, alternating with a second
binary if one is given, reporting the median and best wall and CPU time of each (CPU from the
children's rusage). The machine is shared: compare binaries within one run, not across runs.

    benches/startup.py [--base OTHER_COPYDESK [--base-cache DIR]] [--runs 21] [--story examples/stories/seed-article.txt]

Uses COPYDESK_CACHE_DIR as set (for a desk-sized cache, fill one first with a check of a large
file); each binary checks the story once before timing so both start from the same cache.
`--base-cache` gives the second binary a cache directory of its own (a copy of the first's),
for binaries whose compiled-dictionary formats differ and would otherwise rewrite each
other's.
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
    ap.add_argument("--base-cache")
    args = ap.parse_args()
    bins = {"copydesk": args.bin}
    envs = {"copydesk": os.environ.copy()}
    if args.base:
        bins["base"] = args.base
        envs["base"] = os.environ.copy()
        if args.base_cache:
            envs["base"]["COPYDESK_CACHE_DIR"] = args.base_cache
    quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for name, b in bins.items():
        subprocess.run([b, "check", args.story], env=envs[name], **quiet)
    times = {name: ([], []) for name in bins}
    for _ in range(args.runs):
        for name, b in bins.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run([b, "check", args.story], env=envs[name], **quiet)
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
