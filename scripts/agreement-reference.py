#!/usr/bin/env python3
"""Reference values for crosstalk's agreement measures.

Computes, for each case below (coders x units, 1 = coded, 0 = not,
None = the coder did not rate the unit), the measures with the reference
libraries a methods section would cite:

- percent agreement: mean pairwise agreement per unit (two coders: the
  share of units both coded or both left);
- Cohen's kappa: scikit-learn's cohen_kappa_score (two coders, no missing);
- Krippendorff's alpha, nominal: the `krippendorff` package;
- Fleiss' kappa: statsmodels' fleiss_kappa on the units x {0, 1} table
  (three or more coders, no missing).

An undefined value (scikit-learn's NaN, krippendorff's "more than one value
in the domain" error, statsmodels' NaN) is written as null with the
library's reason. Run once; the output is tests/fixtures/agreement/
reference.json, which tests/agreement_reference.rs reads:

    pip install scikit-learn==1.9.1 krippendorff==0.9.0 statsmodels==0.15.0
    python3 scripts/agreement-reference.py > tests/fixtures/agreement/reference.json
"""
import importlib.metadata
import json
import math
import random
import warnings

import krippendorff
import numpy as np
import sklearn
import statsmodels
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa

warnings.simplefilter("ignore")


def cases():
    yield "textbook 2x2 (20 both, 5 only A, 10 only B, 15 neither)", [
        [1] * 20 + [1] * 5 + [0] * 10 + [0] * 15,
        [1] * 20 + [0] * 5 + [1] * 10 + [0] * 15,
    ]
    yield "one coder codes nothing", [[1, 0, 1, 1, 0, 0, 1], [0] * 7]
    yield "both code everything", [[1] * 6, [1] * 6]
    yield "neither codes anything", [[0] * 6, [0] * 6]
    yield "perfect agreement with variation", [[1, 0, 1, 0, 0], [1, 0, 1, 0, 0]]
    yield "perfect disagreement", [[1, 0, 1, 0], [0, 1, 0, 1]]
    yield "one coder codes everything, the other nothing", [[1] * 5, [0] * 5]
    yield "three coders", [[1, 1, 0, 0, 1, 0, 1, 1], [1, 0, 0, 0, 1, 0, 1, 0], [1, 1, 0, 1, 1, 0, 0, 1]]
    yield "three coders, all alike", [[0, 1, 1], [0, 1, 1], [0, 1, 1]]
    yield "four coders, one codes nothing", [
        [1, 1, 0, 1, 0, 1],
        [1, 0, 0, 1, 0, 1],
        [0, 0, 0, 0, 0, 0],
        [1, 1, 1, 1, 0, 0],
    ]
    yield "missing ratings (alpha only)", [
        [1, 0, None, 1, 1, None, 0],
        [1, 1, 0, None, 1, 0, 0],
        [0, 1, 0, 1, None, 0, None],
    ]
    rng = random.Random(20261202)
    for coders in (2, 2, 2, 3, 3, 4, 5):
        units = rng.choice((12, 57, 240, 1000))
        rate = rng.random()
        base = [1 if rng.random() < rate else 0 for _ in range(units)]
        data = []
        for _ in range(coders):
            noise = rng.random() * 0.4
            data.append([b if rng.random() > noise else 1 - b for b in base])
        yield f"random: {coders} coders, {units} units", data


def measure(f):
    try:
        v = f()
    except ValueError as e:
        return {"value": None, "why": str(e)}
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return {"value": None, "why": "NaN"}
    return {"value": float(v)}


def main():
    out = {
        "libraries": {
            "scikit-learn": sklearn.__version__,
            "krippendorff": importlib.metadata.version("krippendorff"),
            "statsmodels": statsmodels.__version__,
            "numpy": np.__version__,
        },
        "cases": [],
    }
    for name, data in cases():
        coders, units = len(data), len(data[0])
        missing = any(v is None for row in data for v in row)
        case = {"name": name, "data": data}
        rated = [[v for v in col if v is not None] for col in zip(*data)]
        pairable = [r for r in rated if len(r) >= 2]

        def percent():
            if not pairable:
                raise ValueError("no units")
            s = 0.0
            for r in pairable:
                m, j = len(r), sum(r)
                s += (j * (j - 1) + (m - j) * (m - j - 1)) / (m * (m - 1))
            return s / len(pairable)

        case["percent"] = measure(percent)
        if coders == 2 and not missing:
            case["cohen"] = measure(lambda: cohen_kappa_score(data[0], data[1]))
        arr = np.array([[np.nan if v is None else v for v in row] for row in data], dtype=float)
        case["alpha"] = measure(
            lambda: krippendorff.alpha(reliability_data=arr, level_of_measurement="nominal")
        )
        if coders >= 3 and not missing:
            table = np.array([[coders - sum(col), sum(col)] for col in zip(*data)])
            case["fleiss"] = measure(lambda: fleiss_kappa(table, method="fleiss"))
        out["cases"].append(case)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
