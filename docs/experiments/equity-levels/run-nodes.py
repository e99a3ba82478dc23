#!/usr/bin/env python3
"""Solves the root and every node of levels.py's output with a poolctl built with nodes.patch, one
run per node (POOL_MASTER_NODE=group=a:b), and prints each run's Dantzig–Wolfe bound and plan.
Check in each solver log that the rounds "converged": only then is the bound the node's own. A
bound far above every plan (the patch's slacks cost 100 000 € a unit) marks a node no plan meets.

Usage: run-nodes.py POOLCTL SCENARIO_DIR NODES.json TIME_LIMIT WORK_DIR
"""
import json, os, subprocess, sys

poolctl, scenario, spec, limit, work = sys.argv[1:6]
os.makedirs(work, exist_ok=True)

def run(name, node):
    env = dict(os.environ, **({'POOL_MASTER_NODE': node} if node else {}))
    out = os.path.join(work, name)
    subprocess.run([poolctl, 'solve', scenario, '--out', out, '--time-limit', limit, '--no-sensitivity', '--quiet',
                    '--solver-log', out + '.log'], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        s = json.load(open(os.path.join(out, 'plan.json')))['solver']
        rounds = next((l.strip() for l in open(out + '.log') if ' rounds, ' in l), '')
        return {'bound': s.get('lagrangianBound'), 'plan': s.get('objective'), 'rounds': rounds[:60]}
    except (OSError, ValueError):
        return {'bound': None, 'plan': None, 'rounds': 'no plan (infeasible node?)'}

print('root', run('root', None), flush=True)
for group, d in json.load(open(spec)).items():
    for i, (a, b) in enumerate(d['nodes']):
        print(group, i, (round(a, 4), round(b, 4)), run(f'{group}-{i}', f'{group}={a!r}:{b!r}'), flush=True)
