#!/usr/bin/env python3
"""Equity-level nodes around a plan (docs/performance.md, "The master's integrality gap is the
equity term"): for each profession group, the plan's worst uncovered share ℓ and three nodes that
cover every level a plan can reach — all levels below ℓ, ℓ itself, all levels above ℓ.

Usage: levels.py SCENARIO_DIR PLAN_DIR OUT.json
The groups and shift hours are those of the bundled scenarios (day and evening 8 h, night 10 h;
substitutions joining specialist_physician with gp, specialist_dentist with dentist and the nurses).
"""
import collections, csv, json, sys

HOURS = {'day': 8, 'evening': 8, 'night': 10}
GROUP = {'specialist_physician': 'gp', 'gp': 'gp', 'specialist_dentist': 'dentist', 'dentist': 'dentist',
         'psychiatric_nurse': 'nurse', 'public_health_nurse': 'nurse', 'nurse': 'nurse'}

scenario, plan, out = sys.argv[1:4]
shifts = collections.defaultdict(list)  # (site, group) -> hours of every demanded shift
for r in csv.DictReader(open(f'{scenario}/demand.csv')):
    g = GROUP.get(r['profession'], r['profession'])
    shifts[(r['site'], g)] += [HOURS[r['shift']]] * int(r['count'])
uncovered = collections.Counter()
for r in csv.DictReader(open(f'{plan}/uncovered.csv')):
    uncovered[(r['site'], GROUP.get(r['profession'], r['profession']))] += HOURS[r['shift']] * int(r['count'])
nodes = {}
for g in sorted({k[1] for k in shifts}):
    levels = set()
    for (site, h), hours in shifts.items():
        if h != g:
            continue
        sums = {0}
        for x in hours:
            sums |= {s + x for s in sums}
        levels |= {s / sum(hours) for s in sums}
    levels = sorted(levels)
    ell = max(uncovered[k] / sum(hours) for k, hours in shifts.items() if k[1] == g)
    below = [x for x in levels if x < ell - 1e-9]
    above = [x for x in levels if x > ell + 1e-9]
    group_nodes = ([(0, below[-1])] if below else []) + [(ell, ell)] + ([(above[0], 1)] if above else [])
    nodes[g] = {'level': ell, 'nodes': group_nodes}
    print(g, round(ell, 4), [(round(a, 4), round(b, 4)) for a, b in group_nodes])
json.dump(nodes, open(out, 'w'), indent=1)
