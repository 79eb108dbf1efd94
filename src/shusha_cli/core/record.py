"""``@record``: a dataclass that costs almost nothing to create at import.

Why: on Python 3.11 ``@dataclass`` compiles each generated method (``__init__``, ``__repr__``,
``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``, and four more with ``order=True``)
from source text when the class is created, about 0.6 ms a frozen class. A run of ``shusha``
creates some 25 of them before it prints a line, more time than the query itself (issue 17).

A record is the same thing, built differently. It is a real dataclass to every caller:
``dataclasses.fields``, ``replace``, ``asdict`` and ``is_dataclass`` work (the class gets the
same ``__dataclass_fields__``), and instances compare, hash, order, print and refuse assignment
as a dataclass's do. Only the construction differs: comparison, hashing, ``repr`` and the
frozen guard are shared functions compiled once with this module; ``__init__``, the one method
whose speed counts per instance, is compiled the first time the class is instantiated, so a class
a command never instantiates costs nothing. ``tests/core/test_record.py`` checks the two against
each other.

What a record supports is what this package uses: ``frozen`` (the default) or not,
``order=True``, defaults, ``field(default=..., default_factory=..., init=..., repr=...,
compare=...)``, ``__post_init__``, inheritance of nothing (a record's base is ``object``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # typing has it from 3.11 only; at run time it only marks the function
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_: Any) -> Callable[[T], T]:
        return lambda function: function


T = TypeVar("T")

_MISSING = dataclasses.MISSING
_FIELD = dataclasses._FIELD  # type: ignore[attr-defined]  # private: the marker fields() selects


class _Factory:
    """The default of a field with a ``default_factory``, in the generated ``__init__``."""


def _key(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving an instance's values of ``names`` as one tuple (in C when it can)."""
    if len(names) == 1:
        (name,) = names
        return lambda obj: (getattr(obj, name),)
    if not names:
        return lambda obj: ()
    return attrgetter(*names)  # a tuple for two or more names


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        key = self.__class__.__record_key__
        return key(self) == key(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(self.__class__.__record_key__(self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__class__.__record_repr__)
    return f"{self.__class__.__qualname__}({shown})"


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def _comparison(op: str) -> Callable[[Any, Any], Any]:
    def compare(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            key = self.__class__.__record_key__
            return getattr(key(self), op)(key(other))
        return NotImplemented

    compare.__name__ = op
    return compare


def _order() -> dict[str, Callable[[Any, Any], Any]]:
    """``__lt__``, ``__le__``, ``__gt__`` and ``__ge__``: the key tuples compared."""
    return {op: _comparison(op) for op in ("__lt__", "__le__", "__gt__", "__ge__")}


def _init_source(cls: type, frozen: bool) -> tuple[str, dict[str, Any]]:
    """The text of ``cls.__init__`` and the names it refers to (as ``dataclass`` writes it)."""
    env: dict[str, Any] = {"__set": object.__setattr__, "__Factory": _Factory}
    params, body = [], []
    for f in cls.__dataclass_fields__.values():  # type: ignore[attr-defined]
        name = f.name
        if f.init:
            if f.default is not _MISSING:
                env[f"__d_{name}"] = f.default
                params.append(f"{name}=__d_{name}")
            elif f.default_factory is not _MISSING:
                env[f"__f_{name}"] = f.default_factory
                params.append(f"{name}=__Factory")
                name = f"(__f_{name}() if {name} is __Factory else {name})"
            else:
                params.append(name)
        elif f.default is not _MISSING:
            env[f"__d_{name}"] = f.default
            name = f"__d_{name}"
        elif f.default_factory is not _MISSING:
            env[f"__f_{name}"] = f.default_factory
            name = f"__f_{name}()"
        else:
            continue  # set by __post_init__
        target = f.name
        body.append(f"__set(self, {target!r}, {name})" if frozen else f"self.{target} = {name}")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    text = f"def __init__(self, {', '.join(params)}):\n    " + "\n    ".join(body or ["pass"])
    return text, env


def _lazy_init(frozen: bool) -> Callable[..., None]:
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        cls = _owner(self.__class__)
        text, env = _init_source(cls, frozen)
        exec(text, env)  # our own text, built from the class's field names
        init = env["__init__"]
        init.__qualname__ = f"{cls.__qualname__}.__init__"
        cls.__init__ = init  # type: ignore[misc]  # replacing the bootstrap, once per class
        init(self, *args, **kwargs)

    return __init__


def _owner(cls: type) -> type:
    """The record class itself (``cls`` may be a subclass that inherits its ``__init__``)."""
    return next(klass for klass in cls.__mro__ if "__record_key__" in klass.__dict__)


def _fields(cls: type) -> dict[str, dataclasses.Field[Any]]:
    found: dict[str, dataclasses.Field[Any]] = {}
    # Not inspect.get_annotations: it would evaluate nothing more here, and this is quicker.
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():  # noqa: RUF063
        if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
            continue
        value = cls.__dict__.get(name, _MISSING)
        f = value if isinstance(value, dataclasses.Field) else dataclasses.field(default=value)
        f.name = name
        f.type = annotation
        f._field_type = _FIELD  # type: ignore[union-attr]  # private: what dataclasses.fields() reads
        if isinstance(value, dataclasses.Field):
            if f.default is _MISSING:
                delattr(cls, name)  # a bare field(): no class attribute, as dataclass leaves it
            else:
                setattr(cls, name, f.default)
        found[name] = f
    return found


def _build(cls: type[T], frozen: bool, order: bool) -> type[T]:
    fields = _fields(cls)
    compared = tuple(n for n, f in fields.items() if f.compare)
    attrs: dict[str, Any] = {
        "__dataclass_fields__": fields,
        "__record_key__": staticmethod(_key(compared)),
        "__record_repr__": tuple(n for n, f in fields.items() if f.repr),
        "__match_args__": tuple(n for n, f in fields.items() if f.init),
        "__init__": _lazy_init(frozen),
        "__repr__": _repr,
        "__eq__": _eq,
        "__hash__": _hash if frozen else None,
    }
    if frozen:
        attrs["__setattr__"] = _frozen_setattr
        attrs["__delattr__"] = _frozen_delattr
    if order:
        attrs.update(_order())
    for name, value in attrs.items():
        own = cls.__dict__.get(name)
        if own is None:
            setattr(cls, name, value)
        elif name in ("__setattr__", "__delattr__"):
            raise TypeError(f"{cls.__name__} defines {name}, which a frozen record makes")
        # else: a method the class defines itself stays, as dataclass leaves it
    return cls


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def record(
    cls: type[T] | None = None, /, *, frozen: bool = True, order: bool = False
) -> Any:  # a class, or a decorator of one
    """Make ``cls`` a dataclass (frozen unless ``frozen=False``) without compiling at import."""
    if cls is not None:
        return _build(cls, frozen, order)
    return lambda klass: _build(klass, frozen, order)
