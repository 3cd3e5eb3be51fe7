"""The table of (method, options) cases shared by the tests in this directory."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mcda.kernels import copras, edas, promethee_ii, vikor, waspas
from mcda.kernels.copras import _copras
from mcda.kernels.edas import _edas
from mcda.kernels.promethee import _flows, _preference_matrices
from mcda.kernels.vikor import _vikor
from mcda.kernels.waspas import _waspas

X0 = np.array(
    [
        [3.0, 200.0, 0.7, 12.0],
        [5.0, 150.0, 0.9, 10.0],
        [4.0, 300.0, 0.4, 15.0],
        [2.0, 250.0, 0.8, 11.0],
        [6.0, 100.0, 0.6, 14.0],
    ]
)
B0 = np.array([True, False, True, False])
M, N = X0.shape


@dataclass(frozen=True)
class Case:
    """One kernel with fixed options; ``score`` returns its ranking measure."""

    name: str
    options: dict[str, Any] = field(default_factory=dict)
    #: Options that are in criterion units and must scale with the columns.
    unit_options: tuple[str, ...] = ()
    higher_is_better: bool = True
    #: Scores scale by c (or stay) when all weights are multiplied by c.
    homogeneous: bool = True

    @property
    def id(self) -> str:
        opts = ",".join(f"{k}={v}" for k, v in self.options.items() if isinstance(v, (str, float)))
        return f"{self.name}[{opts}]" if opts else self.name

    def score(self, X: object, W: object, benefit: object, **extra: Any) -> np.ndarray:
        opts = {**self.options, **extra}
        if self.name == "vikor":
            return vikor(X, W, benefit, **opts).Q
        if self.name == "promethee_ii":
            return promethee_ii(X, W, benefit, **opts).phi
        func: Callable[..., np.ndarray] = {"copras": copras, "edas": edas, "waspas": waspas}[self.name]
        return func(X, W, benefit, **opts)

    def raw(self, X: np.ndarray, W: np.ndarray, benefit: np.ndarray) -> np.ndarray:
        """The private, unvalidated twin (accepts weights that do not sum to 1)."""
        o = self.options
        if self.name == "vikor":
            return _vikor(X, W, benefit, o.get("v", 0.5)).Q
        if self.name == "promethee_ii":
            n = X.shape[1]
            funcs = [o.get("preference", "usual")] * n
            th = [np.broadcast_to(np.asarray(o.get(k, 0.0), dtype=float), (n,)) for k in "qps"]
            return _flows(_preference_matrices(X, benefit, funcs, *th), W).phi
        if self.name == "copras":
            return _copras(X, W, benefit)
        if self.name == "edas":
            return _edas(X, W, benefit)
        return _waspas(X, W, benefit, o.get("lambda_", 0.5))

    def scaled_options(self, c: np.ndarray) -> dict[str, Any]:
        """Options with the unit-bearing thresholds multiplied by the column factors ``c``."""
        return {k: np.asarray(self.options[k]) * c for k in self.unit_options}

    def better_or_equal(self, a: np.ndarray, b: np.ndarray, tol: float = 1e-12) -> np.ndarray:
        """True where score ``a`` is at least as good as ``b``."""
        return a >= b - tol if self.higher_is_better else a <= b + tol


# Thresholds in the units of X0's columns.
_Q = np.array([0.5, 20.0, 0.05, 1.0])
_P = np.array([2.0, 100.0, 0.3, 3.0])
_S = np.array([1.0, 50.0, 0.2, 2.0])

CASES = [
    Case("vikor", {"v": 0.5}, higher_is_better=False),
    Case("vikor", {"v": 0.0}, higher_is_better=False),
    Case("vikor", {"v": 1.0}, higher_is_better=False),
    Case("promethee_ii", {"preference": "usual"}),
    Case("promethee_ii", {"preference": "u-shape", "q": _Q}, unit_options=("q",)),
    Case("promethee_ii", {"preference": "v-shape", "p": _P}, unit_options=("p",)),
    Case("promethee_ii", {"preference": "level", "q": _Q, "p": _P}, unit_options=("q", "p")),
    Case("promethee_ii", {"preference": "linear", "q": _Q, "p": _P}, unit_options=("q", "p")),
    Case("promethee_ii", {"preference": "gaussian", "s": _S}, unit_options=("s",)),
    Case("copras"),
    Case("edas"),
    Case("waspas", {"lambda_": 0.5}, homogeneous=False),
    Case("waspas", {"lambda_": 1.0}),
    Case("waspas", {"lambda_": 0.0}, homogeneous=False),
]
IDS = [c.id for c in CASES]


def random_weights(shape: tuple[int, ...], n: int = N, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).dirichlet(np.ones(n), size=shape)
