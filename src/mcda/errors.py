"""The exception tree of :mod:`mcda`.

Every error the library raises on purpose is an :class:`MCDAError`. Each
concrete class also derives from a built-in exception, so ``except ValueError``
keeps working for callers who do not know this module::

    MCDAError (Exception)
    ├── StudyError (ValueError)              a study file or model breaks a rule
    │   └── StudyValidationError             all problems of one file, collected
    ├── InputError (ValueError)              arrays or arguments given to a function
    │   ├── NormalizationError               data a normalisation cannot handle
    │   └── JudgementError                    AHP pairwise judgements that are invalid
    ├── MissingEvidenceError (ValueError)    a cell with policy ``error`` was needed
    ├── UnknownNameError (KeyError-free ValueError)  unknown profile / method / node
    ├── ConvergenceError (ValueError, RuntimeError)  an iterative computation did not converge
    ├── OutputError (OSError)                 an output file cannot be written safely
    └── MissingDependencyError (ImportError) an optional extra (e.g. ``plot``) is not installed

Messages about user data always name the file and line, the item id or the
matrix position, and the rule that was broken.

Examples
--------
>>> from mcda.errors import InputError
>>> try:
...     raise InputError("W[0, 2]: weight must be finite and non-negative, got -0.1")
... except ValueError as exc:
...     print(exc)
W[0, 2]: weight must be finite and non-negative, got -0.1
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ConvergenceError",
    "InputError",
    "JudgementError",
    "MCDAError",
    "MissingDependencyError",
    "MissingEvidenceError",
    "NormalizationError",
    "OutputError",
    "Problem",
    "StudyError",
    "StudyValidationError",
    "UnknownNameError",
    "did_you_mean",
]


class MCDAError(Exception):
    """Base class of every error raised on purpose by :mod:`mcda`."""


class StudyError(MCDAError, ValueError):
    """A study (file or in-memory model) breaks a rule."""


@dataclass(frozen=True)
class Problem:
    """One problem found in a study file.

    Attributes
    ----------
    path:
        Location inside the document, e.g. ``"evidence[12].criterion"``.
    message:
        What is wrong and what was expected.
    file:
        The file name, or ``None`` for in-memory studies.
    line:
        1-based line number, or ``None`` when unknown.
    """

    path: str
    message: str
    file: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.file or "<study>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        loc = f" {self.path}" if self.path else ""
        return f"{where}{loc}: {self.message}"


class StudyValidationError(StudyError):
    """All the problems found in one study, reported together.

    The message lists one problem per line; :attr:`problems` keeps them as
    :class:`Problem` objects for programmatic use.
    """

    def __init__(self, problems: list[Problem], file: str | None = None) -> None:
        self.problems = list(problems)
        self.file = file
        n = len(self.problems)
        head = f"{file or 'study'}: {n} problem{'s' if n != 1 else ''} found"
        super().__init__(head + "\n" + "\n".join(f"  {p}" for p in self.problems))


class InputError(MCDAError, ValueError):
    """Arrays or arguments passed to a function break a rule."""


class NormalizationError(InputError):
    """A normalisation cannot handle the data (e.g. zero under a 1/x inversion)."""


class JudgementError(InputError):
    """AHP pairwise judgements are invalid (self-comparison, non-positive, ...)."""


#: The name this error had before the library settled on one spelling ("judgement"); kept for old code.
JudgmentError = JudgementError


class MissingEvidenceError(MCDAError, ValueError):
    """A decision-matrix cell whose missing-value policy is ``error`` was needed."""


class UnknownNameError(MCDAError, ValueError):
    """An unknown profile, method, criterion node or alternative was named."""


class ConvergenceError(MCDAError, ValueError, RuntimeError):
    """An iterative computation did not converge (on the given input: a ``ValueError`` too)."""


class OutputError(MCDAError, OSError):
    """An output cannot be written: not a regular file, no permission, the input itself, a full disk.

    Built like an :class:`OSError`: ``OutputError(errno, message, filename)``.

    Examples
    --------
    >>> print(OutputError(13, "permission denied", "out.csv"))
    cannot write out.csv: permission denied
    """

    def __str__(self) -> str:
        return f"cannot write {self.filename}: {self.strerror}"


class MissingDependencyError(MCDAError, ImportError):
    """An optional dependency (an extra such as ``plot``) is not installed."""


def did_you_mean(name: str, choices: list[str] | tuple[str, ...]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``choices`` to a mistyped ``name``, or ``""``.

    Examples
    --------
    >>> did_you_mean("balancd", ["balanced", "enterprise"])
    " (did you mean 'balanced'?)"
    >>> did_you_mean("zzz", ["balanced"])
    ''
    """
    import difflib

    close = difflib.get_close_matches(str(name), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
