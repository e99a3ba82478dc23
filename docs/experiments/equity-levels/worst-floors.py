#!/usr/bin/env python3
"""Each profession group's least reachable worst share (docs/performance.md, "Floors on the worst
share"): minimises every `worstUncoveredShare` column of a Pool model in turn, alone in the
objective, as an LP and as a MIP, with HiGHS.

Usage (HiGHS from the virtual environment scripts/highs-check installs):
  poolctl model SCENARIO --mps MODEL.mps
  .venv-highs/bin/python worst-floors.py MODEL.mps TIME_LIMIT_PER_GROUP
"""
import sys

import highspy
import numpy as np

path, limit = sys.argv[1], float(sys.argv[2])


def solve(worst, relax):
    h = highspy.Highs()
    h.setOptionValue('output_flag', False)
    h.readModel(path)
    h.setOptionValue('time_limit', limit)
    n = h.getLp().num_col_
    cost = np.zeros(n)
    cost[worst] = 1.0
    h.changeColsCost(n, np.arange(n, dtype=np.int32), cost)
    h.changeObjectiveOffset(0.0)
    if relax:
        h.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.zeros(n, dtype=np.uint8))
    h.run()
    info = h.getInfo()
    return info.objective_function_value, (info.mip_dual_bound if not relax else info.objective_function_value), \
        h.modelStatusToString(h.getModelStatus())


probe = highspy.Highs()
probe.setOptionValue('output_flag', False)
probe.readModel(path)
names = [probe.getColName(j)[1] for j in range(probe.getLp().num_col_)]
for j, name in enumerate(names):
    if name.startswith('worstUncoveredShare'):
        lp, _, _ = solve(j, relax=True)
        mip, bound, status = solve(j, relax=False)
        print(f'{name}: LP {lp:.4f}, MIP {mip:.4f}, bound {bound:.4f} ({status})', flush=True)
