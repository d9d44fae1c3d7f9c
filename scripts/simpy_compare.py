#!/usr/bin/env python3
"""Run the same M/M/3 model (arrival 0.2, service 0.1) in SimPy and in `dlab mmc`,
and print both rates in customers per second of wall time, and their ratio.

Usage: python3 scripts/simpy_compare.py [--customers N] [--dlab PATH]
Needs SimPy (pip install simpy) and a built dlab (cargo build --profile bench --bin dlab,
or --release).
"""
import argparse
import json
import os
import random
import subprocess
import sys
import time


def simpy_mmc(lam, mu, servers, customers, seed):
    import simpy

    rng = random.Random(seed)
    env = simpy.Environment()
    counter = simpy.Resource(env, capacity=servers)
    waits = []

    def customer(env):
        arrived = env.now
        with counter.request() as req:
            yield req
            waits.append(env.now - arrived)
            yield env.timeout(rng.expovariate(mu))

    def source(env):
        for _ in range(customers):
            yield env.timeout(rng.expovariate(lam))
            env.process(customer(env))

    env.process(source(env))
    started = time.perf_counter()
    env.run()
    wall = time.perf_counter() - started
    return {"wall_s": wall, "customers_per_s": customers / wall, "mean_wait": sum(waits) / len(waits)}


def find_dlab(explicit):
    if explicit:
        return explicit
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for profile in ("release", "debug"):
        path = os.path.join(root, "target", profile, "dlab")
        if os.path.exists(path):
            return path
    sys.exit("dlab not found: build it with `cargo build --release --bin dlab` or pass --dlab PATH")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--dlab", default=None)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    lam, mu, servers = 0.2, 0.1, 3

    try:
        sp = simpy_mmc(lam, mu, servers, args.customers, args.seed)
    except ImportError:
        sys.exit("SimPy is missing: pip install simpy")
    dlab = find_dlab(args.dlab)
    out = subprocess.run(
        [dlab, "mmc", "--lambda", str(lam), "--mu", str(mu), "--servers", str(servers),
         "--customers", str(args.customers), "--seed", str(args.seed), "--json"],
        check=True, capture_output=True, text=True,
    )
    dl = json.loads(out.stdout)
    ratio = dl["customers_per_s"] / sp["customers_per_s"]
    print(f"M/M/3, {args.customers} customers (Erlang C mean wait {dl['erlang_c']['mean_wait']:.4f})")
    print(f"SimPy: {sp['customers_per_s']:>14,.0f} customers/s  wall {sp['wall_s']:.3f} s  mean wait {sp['mean_wait']:.4f}")
    print(f"dlab:  {dl['customers_per_s']:>14,.0f} customers/s  wall {dl['wall_s']:.3f} s  mean wait {dl['simulated']['mean_wait']:.4f}")
    print(f"ratio: {ratio:.1f}x")


if __name__ == "__main__":
    main()
