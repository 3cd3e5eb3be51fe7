"""The method base class: settings, declared capabilities, the registry.

A scoring method is a small frozen dataclass that holds only its settings and
subclasses :class:`Method`. Everything the rest of the library may ask of a
method is declared here, once, with a default that is always correct:

=========================  ==========================================================
capability                 default (override when the method can do better)
=========================  ==========================================================
:meth:`check`              score uniform weights once: the kernel is the one validator
:meth:`prepare`            ``W -> self.scores(X, W, benefit)``, data checked once
:meth:`prepare_T`          :meth:`prepare` on transposed layouts (n, S) -> (m, S)
:meth:`linear_table`       ``None``: scores are not ``W @ R.T`` for a fixed ``R``
:meth:`gap_polynomials`    from :meth:`linear_table` / :meth:`log_linear_table`, else None
:meth:`stack_scores`       one call per sampled matrix (``vectorised_evidence = False``)
:meth:`explain`            validate, then the subclass's :meth:`_explain`
=========================  ==========================================================

Sensitivity analysis (tipping points, minimum change, SMAA, P(holds)) asks
these questions and never looks at a method's type. Subclasses declare ``name``
and ``higher_is_better``; ``register=True`` in the class statement adds a
method to the registry used by :func:`get_method`, study files and the CLI.

A plain object with ``name``, ``higher_is_better`` and ``scores(X, W, benefit)``
is accepted wherever a method is (:func:`as_method` wraps it with the defaults).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any, ClassVar

import numpy as np

from mcda._types import BoolArray, FloatArray
from mcda.errors import InputError, UnknownNameError, did_you_mean
from mcda.kernels._blocks import Workspace

__all__ = ["METHODS", "Method", "Scorer", "TransposedScorer", "as_method", "get_method", "method_names"]

#: A prepared scoring function: weights (..., n) -> scores (..., m).
Scorer = Callable[[FloatArray], FloatArray]
#: A prepared scorer on transposed layouts: weights (n, S) [, workspace] -> scores (m, S).
TransposedScorer = Callable[..., FloatArray]

#: The registry: method name -> class, filled by ``class X(Method, register=True)``.
METHODS: dict[str, type[Method]] = {}

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def _polymul2(U: FloatArray, V: FloatArray) -> FloatArray:
    """Products of quadratics (..., 3) x (..., 3) -> quartics (..., 5), highest degree first."""
    u2, u1, u0 = U[..., 0], U[..., 1], U[..., 2]
    v2, v1, v0 = V[..., 0], V[..., 1], V[..., 2]
    return np.stack([u2 * v2, u2 * v1 + u1 * v2, u2 * v0 + u1 * v1 + u0 * v2, u1 * v0 + u0 * v1, u0 * v0], axis=-1)


class Method:
    """Base class of scoring methods.

    Subclasses are frozen dataclasses whose fields are the method's settings;
    they declare ``name`` and ``higher_is_better`` and implement :meth:`scores`
    (validated, batched over weights: ``X (m, n)``, ``W (..., n)``, ``benefit (n,)``
    -> ``(..., m)``) and :meth:`_explain`.

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> import numpy as np
    >>> @dataclass(frozen=True)
    ... class Plain(Method):
    ...     name: ClassVar[str] = "plain"
    ...     higher_is_better: ClassVar[bool] = True
    ...     def scores(self, X, W, benefit):
    ...         return np.asarray(W) @ np.asarray(X, dtype=float).T
    >>> Plain().prepare(np.eye(2), np.array([True, True]))(np.array([0.25, 0.75]))
    array([0.25, 0.75])
    >>> "plain" in METHODS   # not registered: register=True in the class statement does that
    False
    """

    name: ClassVar[str]
    higher_is_better: ClassVar[bool]
    #: True when :meth:`stack_scores` scores a stack of sampled matrices in one vectorised call.
    vectorised_evidence: ClassVar[bool] = False

    def __init_subclass__(cls, register: bool = False, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        name = cls.__dict__.get("name", getattr(cls, "name", None))
        if not isinstance(name, str) or not _NAME.match(name):
            raise TypeError(f"{cls.__name__}.name must be a lower-case identifier; got {name!r}")
        if not isinstance(getattr(cls, "higher_is_better", None), bool):
            raise TypeError(f"{cls.__name__}.higher_is_better must be declared as a bool")
        if register:
            if name in METHODS and METHODS[name] is not cls:
                raise TypeError(f"method name {name!r} is already registered by {METHODS[name].__name__}")
            METHODS[name] = cls

    @classmethod
    def variants(cls) -> list[Method]:
        """Representative settings of this method: the defaults, then one instance per other
        value of each choice option (a ``Literal`` field). Methods with numeric options
        declare theirs. The common tests check every variant of every registered method.

        >>> [v.normalization for v in METHODS["topsis"].variants()]
        ['vector', 'minmax', 'max', 'sum']
        """
        import typing

        base = cls()
        out: list[Method] = [base]
        if not dataclasses.is_dataclass(cls):
            return out
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            hint = hints.get(f.name)
            if typing.get_origin(hint) is typing.Literal:
                out += [dataclasses.replace(base, **{f.name: v})
                        for v in typing.get_args(hint) if v != getattr(base, f.name)]
        return out

    # ------------------------------------------------------------------ scoring
    def scores(self, X: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        """Scores (..., m) for weights W (..., n); validates its inputs."""
        raise NotImplementedError  # pragma: no cover

    def check(self, X: FloatArray, benefit: BoolArray) -> None:
        """Refuse data this method cannot score (located :class:`~mcda.errors.MCDAError`).

        The kernel is the one validator: the default scores uniform weights once.
        """
        n = np.shape(X)[1]
        self.scores(X, np.full(n, 1.0 / n), benefit)

    def prepare(self, X: FloatArray, benefit: BoolArray) -> Scorer:
        """A scoring function ``W (..., n) -> S (..., m)`` for a fixed, valid problem.

        The data is checked here, once; methods with weight-independent tables
        (normalised matrices, ideal points) precompute them.
        """
        self.check(X, benefit)
        table = self.linear_table(X, benefit)
        if table is not None:
            RT = np.ascontiguousarray(table.T)
            return lambda W: np.asarray(W @ RT, dtype=np.float64)
        return lambda W: np.asarray(self.scores(X, W, benefit), dtype=np.float64)

    def prepare_T(self, X: FloatArray, benefit: BoolArray) -> TransposedScorer:
        """Like :meth:`prepare` on transposed layouts: weights (n, S) -> scores (m, S).

        Laying samples along the last axis keeps every intermediate contiguous
        per alternative, which is what the SMAA loop wants. The scorer takes an
        optional :data:`~mcda.kernels._blocks.Workspace` of scratch buffers.
        """
        from mcda.kernels._blocks import scratch, thin_matmul

        self.check(X, benefit)
        m = X.shape[0]
        table = self.linear_table(X, benefit)
        if table is not None:
            R = np.ascontiguousarray(table)
            return lambda WT, ws=None: thin_matmul(R, WT, out=scratch(ws, "d", (m, WT.shape[1])))

        def generic(WT: FloatArray, ws: Workspace | None = None) -> FloatArray:
            return np.ascontiguousarray(np.asarray(self.scores(X, WT.T, benefit), dtype=np.float64).T)

        return generic

    # ---------------------------------------------------------- declared forms
    def linear_table(self, X: FloatArray, benefit: BoolArray) -> FloatArray | None:
        """``R`` (m, n) such that the scores are exactly ``W @ R.T``, or None.

        Methods linear in the weights (WSM, AHP synthesis) share the exact
        linear-programming minimum change and linear tipping points.
        """
        return None

    def log_linear_table(self, X: FloatArray, benefit: BoolArray) -> FloatArray | None:
        """``L`` (m, n) such that the scores are ``exp(W @ L.T)``, or None (e.g. WPM with a zero)."""
        return None

    def gap_polynomials(
        self, X: FloatArray, benefit: BoolArray, A: FloatArray, B: FloatArray, i: np.ndarray, k: np.ndarray
    ) -> FloatArray | None:
        """Polynomials ``f(t)`` whose sign is that of ``S_i - S_k`` along ``w(t) = A + t B``, or None.

        ``A``, ``B`` (..., n) broadcast against the pairs ``i, k`` (p,); the result
        has shape (..., p, d + 1), highest degree first. The default is exact for
        methods with a :meth:`linear_table` or a :meth:`log_linear_table`
        (degree 1); None means "no closed form": callers scan numerically.
        """
        table = self.linear_table(X, benefit)
        if table is None:
            table = self.log_linear_table(X, benefit)
        if table is None:
            return None
        D = table[i] - table[k]
        A, B = A[..., None, :], B[..., None, :]
        return np.stack([(B * D).sum(axis=-1), (A * D).sum(axis=-1)], axis=-1)

    @property
    def closed_form(self) -> bool:
        """True when the class provides exact tipping points (:meth:`gap_polynomials` overridden,
        or a linear or log-linear table); data may still rule one out (then None is returned)."""
        cls = type(self)
        return any(getattr(cls, f) is not getattr(Method, f)
                   for f in ("gap_polynomials", "linear_table", "log_linear_table"))

    def stack_scores(self, Xs: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        """Scores under sampled matrices: matrix ``u`` scores weight rows ``W[u g : (u + 1) g]``.

        ``Xs`` (U, m, n) sampled matrices, ``W`` (S, k, n) with ``g = ceil(S / U)``
        -> (S, k, m). The default calls :meth:`scores` once per matrix; methods
        with ``vectorised_evidence`` score the whole stack at once when ``U == S``.
        """
        U, S = Xs.shape[0], W.shape[0]
        g = -(-S // U)
        k, n = W.shape[1], W.shape[2]
        parts = [np.asarray(self.scores(Xs[u], W[u * g:(u + 1) * g].reshape(-1, n), benefit))
                 .reshape(-1, k, Xs.shape[1]) for u in range(U)]
        return np.concatenate(parts, axis=0)

    # ------------------------------------------------------------- explanation
    def explain(self, X: FloatArray, w: FloatArray, benefit: BoolArray) -> dict[str, FloatArray]:
        """Named (m, n) tables showing how each criterion made up each score.

        Validates ``X``, ``w`` and ``benefit`` (the same rules as :meth:`scores`)
        and hands float arrays to :meth:`_explain`.
        """
        Xa = np.asarray(X, dtype=np.float64)
        wa = np.asarray(w, dtype=np.float64)
        ba = np.asarray(benefit, dtype=bool)
        self.scores(Xa, wa, ba)  # validation, by the kernel
        return self._explain(Xa, wa, ba)

    def _explain(self, X: FloatArray, w: FloatArray, benefit: BoolArray) -> dict[str, FloatArray]:
        """The method's named tables for valid inputs (override)."""
        return {}


@dataclasses.dataclass(frozen=True)
class _Adapted(Method):
    """A user object with ``name``, ``higher_is_better`` and ``scores`` seen as a :class:`Method`."""

    inner: Any
    name: ClassVar[str] = "custom"
    higher_is_better: ClassVar[bool] = True

    def scores(self, X: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        return np.asarray(self.inner.scores(X, W, benefit), dtype=np.float64)

    def _explain(self, X: FloatArray, w: FloatArray, benefit: BoolArray) -> dict[str, FloatArray]:
        fn = getattr(self.inner, "explain", None)
        return dict(fn(X, w, benefit)) if callable(fn) else {}


def as_method(obj: Any) -> Method:
    """``obj`` as a :class:`Method`: method objects as they are; any object with ``name``,
    ``higher_is_better`` and ``scores(X, W, benefit)`` wrapped with the default capabilities.

    >>> class Raw:
    ...     name = "raw"; higher_is_better = True
    ...     def scores(self, X, W, benefit): return W @ X.T
    >>> m = as_method(Raw())
    >>> m.name, m.higher_is_better, m.closed_form
    ('raw', True, False)
    """
    if isinstance(obj, Method):
        return obj
    missing = [a for a in ("name", "higher_is_better", "scores") if not hasattr(obj, a)]
    if missing or not callable(getattr(obj, "scores", None)):
        raise InputError(f"a method must be a registered name or an object with name, higher_is_better and "
                         f"scores(X, W, benefit); {type(obj).__name__} lacks {', '.join(missing) or 'scores()'}")
    adapted = _Adapted(obj)
    # The wrapper reports the user's name and direction (instance attributes shadow the class ones).
    object.__setattr__(adapted, "name", str(obj.name))
    object.__setattr__(adapted, "higher_is_better", bool(obj.higher_is_better))
    return adapted


def method_names() -> list[str]:
    """Registered method names, sorted.

    Examples
    --------
    >>> method_names()[:3]
    ['ahp', 'copras', 'edas']
    """
    return sorted(METHODS)


def get_method(method: str | Method, **options: Any) -> Method:
    """A method object from a registered name plus options, or an existing object with options replaced.

    This is the one way options reach a method: every function that takes a
    ``method`` also takes its options as keywords and passes both here.

    Raises
    ------
    UnknownNameError
        For an unknown method name or option.

    Examples
    --------
    >>> get_method("wsm", normalization="minmax")
    WSM(normalization='minmax')
    >>> get_method(get_method("topsis"), normalization="max")
    TOPSIS(normalization='max')
    """
    if not isinstance(method, str):
        meth = as_method(method)
        if not options:
            return meth
        if not dataclasses.is_dataclass(meth) or isinstance(meth, _Adapted):
            raise UnknownNameError(f"method {meth.name!r} takes no options; got {sorted(options)}")
        _check_options(type(meth), meth.name, options)
        return dataclasses.replace(meth, **options)
    cls = METHODS.get(method.lower())
    if cls is None:
        raise UnknownNameError(f"unknown method {method!r}{did_you_mean(method.lower(), method_names())}; "
                               f"known methods: {', '.join(method_names())}")
    _check_options(cls, method, options)
    return cls(**options)


def _check_options(cls: type, name: str, options: dict[str, Any]) -> None:
    fields = {f.name for f in dataclasses.fields(cls)} if dataclasses.is_dataclass(cls) else set()
    bad = sorted(set(options) - fields)
    if bad:
        raise UnknownNameError(f"method {name!r} has no option(s) {bad}; options: {sorted(fields)}")
