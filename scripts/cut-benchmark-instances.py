#!/usr/bin/env python3
"""Writes the MIP instances behind the cut and presolve figures in docs/glpk-backend.md.

Usage: scripts/cut-benchmark-instances.py DIR, then e.g.
  for c in none mir,cov,clq all; do poolctl lp solve --quiet --time-limit 20 --cuts $c DIR/pool7.lp; done
Fixed seeds, so the files are the same on every run.
"""
import os
import random
import sys


def write(path, sense, objective, rows, binaries=(), generals=()):
    lines = [sense, " obj: " + objective, "Subject To"] + rows
    if generals:
        lines += ["General"] + [" " + g for g in generals]
    if binaries:
        lines += ["Binary"] + [" " + b for b in binaries]
    lines.append("End")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def expr(terms):
    return " + ".join(f"{c} {v}" for c, v in terms)


def generalized_assignment(path, seed, agents, jobs):
    """Type D: cost falls as weight rises; capacity 80 % of the average load."""
    r = random.Random(seed)
    a = [[r.randint(1, 100) for _ in range(jobs)] for _ in range(agents)]
    c = [[111 - a[i][j] + r.randint(-10, 10) for j in range(jobs)] for i in range(agents)]
    x = lambda i, j: f"x{i}_{j}"
    rows = [f" job{j}: " + expr([(1, x(i, j)) for i in range(agents)]) + " = 1" for j in range(jobs)]
    rows += [f" cap{i}: " + expr([(a[i][j], x(i, j)) for j in range(jobs)]) + f" <= {int(0.8 * sum(a[i]) / agents)}"
             for i in range(agents)]
    write(path, "Minimize", expr([(c[i][j], x(i, j)) for i in range(agents) for j in range(jobs)]), rows,
          binaries=[x(i, j) for i in range(agents) for j in range(jobs)])


def set_cover(path, seed, rows_count, columns):
    r = random.Random(seed)
    cover = {i: [] for i in range(rows_count)}
    for j in range(columns):
        for i in r.sample(range(rows_count), max(1, int(rows_count * 0.02))):
            cover[i].append(j)
    for i in range(rows_count):
        if not cover[i]:
            cover[i].append(r.randrange(columns))
    rows = [f" row{i}: " + expr([(1, f"y{j}") for j in sorted(cover[i])]) + " >= 1" for i in range(rows_count)]
    write(path, "Minimize", expr([(r.randint(1, 100), f"y{j}") for j in range(columns)]), rows,
          binaries=[f"y{j}" for j in range(columns)])


def pool_like(path, seed, clinicians, days, sites):
    """One site a clinician a day, weekly hours, demand per site and day with an uncovered penalty."""
    r = random.Random(seed)
    dist = [[r.randint(0, 120) for _ in range(sites)] for _ in range(clinicians)]
    hours = [r.choice([6, 8, 10]) for _ in range(sites)]
    rows, objective, binaries = [], [], []
    x = lambda c, d, s: f"x{c}_{d}_{s}"
    for c in range(clinicians):
        for d in range(days):
            reachable = [x(c, d, s) for s in range(sites) if dist[c][s] <= 100]
            if reachable:
                rows.append(f" one{c}_{d}: " + expr([(1, v) for v in reachable]) + " <= 1")
        week = [(hours[s], x(c, d, s)) for d in range(days) for s in range(sites) if dist[c][s] <= 100]
        rows.append(f" hours{c}: " + expr(week) + f" <= {r.choice([32, 38, 40])}")
        for d in range(days):
            for s in range(sites):
                if dist[c][s] <= 100:
                    objective.append((dist[c][s] // 2 + r.randint(0, 5), x(c, d, s)))
                    binaries.append(x(c, d, s))
    for d in range(days):
        for s in range(sites):
            need = r.randint(1, 4)
            staff = [(1, x(c, d, s)) for c in range(clinicians) if dist[c][s] <= 100]
            rows.append(f" demand{d}_{s}: " + expr(staff + [(1, f"u{d}_{s}")]) + f" >= {need}")
            objective.append((r.choice([300, 500, 800]), f"u{d}_{s}"))
    write(path, "Minimize", expr(objective), rows, binaries=binaries,
          generals=[f"u{d}_{s}" for d in range(days) for s in range(sites)])


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    for seed, (m, n) in [(1, (5, 40)), (2, (8, 48)), (3, (10, 50))]:
        generalized_assignment(os.path.join(out, f"gap{seed}.lp"), seed, m, n)
    for seed, (m, n) in [(4, (200, 1000)), (5, (300, 600))]:
        set_cover(os.path.join(out, f"cover{seed}.lp"), seed, m, n)
    for seed, (c, d, s) in [(6, (40, 5, 12)), (7, (60, 7, 15))]:
        pool_like(os.path.join(out, f"pool{seed}.lp"), seed, c, d, s)


if __name__ == "__main__":
    main()
