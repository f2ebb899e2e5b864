"""Marks which api operation each SDK method calls, so that a test can hold the SDK and the OpenAPI document to each
other (every operation has a method, every method has an operation)."""

import inspect
from typing import Any, Callable, Iterator, NamedTuple, Optional, Tuple, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def operation(operation_id: str, http: Optional[str] = None) -> Callable[[F], F]:
    """The method calls ``operation_id``, at ``POST /v1/<id with dots as slashes>`` unless ``http`` says otherwise."""

    def mark(method: F) -> F:
        setattr(method, "__geopera_operation__", operation_id)
        setattr(method, "__geopera_http__", http or "POST /v1/" + operation_id.replace(".", "/"))
        return method

    return mark


def helper(*operation_ids: str) -> Callable[[F], F]:
    """The method is a convenience built on these operations (waiting, paging), not an operation itself."""

    def mark(method: F) -> F:
        setattr(method, "__geopera_helper_of__", tuple(operation_ids))
        return method

    return mark


class Method(NamedTuple):
    """One public method of the SDK's tree, e.g. path ``processing.catalog.estimate``."""

    path: str
    operation_id: Optional[str]
    http: Optional[str]
    helper_of: Tuple[str, ...]


class Namespace:
    """A node of the method tree (``client.processing``, ``client.processing.catalog`` …)."""


def methods(root: Any, prefix: str = "") -> Iterator[Method]:
    """Every public method under ``root`` (a client or namespace), depth first."""
    for name, value in sorted(vars(root).items()):
        if name.startswith("_"):
            continue
        if isinstance(value, Namespace):
            # A namespace that is itself an operation (client.ops.queues(…) beside client.ops.queues.pause(…)).
            call = getattr(type(value), "__call__", None)
            if call is not None and hasattr(call, "__geopera_operation__"):
                yield Method(prefix + name, getattr(call, "__geopera_operation__"),
                             getattr(call, "__geopera_http__", None), ())
            yield from methods(value, prefix + name + ".")
    for name, member in inspect.getmembers(type(root), inspect.isfunction):
        if name.startswith("_"):
            continue
        yield Method(prefix + name, getattr(member, "__geopera_operation__", None),
                     getattr(member, "__geopera_http__", None), getattr(member, "__geopera_helper_of__", ()))
