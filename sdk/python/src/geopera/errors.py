"""Errors: every refusal of the api (an RFC 9457 problem document) becomes one typed exception carrying its ``code``."""

from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional


class GeoperaError(Exception):
    """Base of every error this package raises."""


class APIConnectionError(GeoperaError):
    """The api could not be reached, or the connection broke, and every retry failed too."""


class WaitTimeout(GeoperaError):
    """``job.wait`` gave up before the job reached a final status; ``job`` is the last state seen."""

    def __init__(self, message: str, job: Any) -> None:
        super().__init__(message)
        self.job = job


class DownloadError(GeoperaError):
    """A download ended with a file that does not match what the api announced (size or byte range)."""


@dataclass(frozen=True)
class FieldProblem:
    """One problem of a request field: ``pointer`` is an RFC 6901 JSON pointer, e.g. ``/inputs/aoi``."""

    code: str
    pointer: str
    message: str


class APIError(GeoperaError):
    """The api answered with a problem document. ``code`` is its stable code, e.g. ``job_not_found``."""

    def __init__(self, status: int, problem: Mapping[str, Any], headers: Optional[Mapping[str, str]] = None) -> None:
        self.status = status
        self.problem: Dict[str, Any] = dict(problem)
        self.headers: Dict[str, str] = dict(headers or {})
        self.code: str = str(problem.get("code") or "http_%d" % status)
        self.title: Optional[str] = problem.get("title")
        self.detail: Optional[str] = problem.get("detail")
        self.type: Optional[str] = problem.get("type")
        super().__init__("%d %s: %s" % (status, self.code, self.detail or self.title or ""))


class InvalidRequest(APIError):
    """400, 405, 406, 408, 413, 415, 416: a request the api cannot take as sent (malformed, too large …)."""


class AuthenticationError(APIError):
    """401: no token, or an unknown, revoked or expired one."""


class InsufficientCredits(APIError):
    """402: the organisation cannot pay. ``job_id`` is set when a job was kept (``create_and_dispatch``)."""

    def __init__(self, status: int, problem: Mapping[str, Any], headers: Optional[Mapping[str, str]] = None) -> None:
        super().__init__(status, problem, headers)
        self.available: Optional[int] = problem.get("available")
        self.required: Optional[int] = problem.get("required")
        self.job_id: Optional[str] = problem.get("job_id")


class PermissionDenied(APIError):
    """403: the token lacks a scope (``required_scope``), or an admin key called an org operation."""

    def __init__(self, status: int, problem: Mapping[str, Any], headers: Optional[Mapping[str, str]] = None) -> None:
        super().__init__(status, problem, headers)
        self.required_scope: Optional[str] = problem.get("required_scope")


class NotFound(APIError):
    """404: no such job, process, output or operation, or one of another organisation."""


class Conflict(APIError):
    """409: the job's status does not allow this (``illegal_transition``, ``output_not_ready`` …)."""


class ValidationError(APIError):
    """422: the request has invalid fields; ``errors`` lists every problem at once."""

    def __init__(self, status: int, problem: Mapping[str, Any], headers: Optional[Mapping[str, str]] = None) -> None:
        super().__init__(status, problem, headers)
        self.errors: List[FieldProblem] = [
            FieldProblem(str(e.get("code", "")), str(e.get("pointer", "")), str(e.get("message", "")))
            for e in problem.get("errors") or []
            if isinstance(e, dict)
        ]

    def __str__(self) -> str:
        if not self.errors:
            return super().__str__()
        return super().__str__() + "".join("\n  %s %s: %s" % (e.pointer, e.code, e.message) for e in self.errors)


class RateLimited(APIError):
    """429: too many requests; ``retry_after_seconds`` says when to try again."""

    def __init__(self, status: int, problem: Mapping[str, Any], headers: Optional[Mapping[str, str]] = None) -> None:
        super().__init__(status, problem, headers)
        value = problem.get("retry_after_seconds")
        self.retry_after_seconds: Optional[float] = float(value) if isinstance(value, (int, float)) else None


class ServerError(APIError):
    """5xx: the api failed (500 ``internal_error``) or a dependency is down (503 ``service_unavailable``)."""


_BY_STATUS = {
    401: AuthenticationError,
    402: InsufficientCredits,
    403: PermissionDenied,
    404: NotFound,
    409: Conflict,
    422: ValidationError,
    429: RateLimited,
}


def error_for(status: int, problem: Mapping[str, Any], headers: Optional[Mapping[str, str]] = None) -> APIError:
    """The exception for an answer with this status and problem document."""
    if status >= 500:
        return ServerError(status, problem, headers)
    return _BY_STATUS.get(status, InvalidRequest)(status, problem, headers)
