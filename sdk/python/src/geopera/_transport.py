"""HTTP for the SDK: one request per connection (http.client), JSON in and out, problem documents turned into typed
errors, and retries with backoff where a retry cannot do the work twice."""

import email.utils
import enum
import http.client
import json
import random
import ssl
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterator, Mapping, Optional, Tuple, TypeVar

from . import errors
from ._version import __version__

R = TypeVar("R")

JSON = "application/json"
NDJSON = "application/x-ndjson"


class Retry(enum.Enum):
    """What a failed request may be sent again for."""

    # Reads, and spends carrying an Idempotency-Key: the api does the work at most once whatever is repeated.
    SAFE = "safe"
    # Everything else: only when the api certainly did nothing (connection refused, 429 before any work).
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry: ``max_retries`` more attempts, waiting ``backoff_seconds`` doubling up to
    ``max_backoff_seconds`` (with jitter), or the answer's ``Retry-After`` up to ``max_retry_after_seconds``."""

    max_retries: int = 3
    backoff_seconds: float = 0.5
    max_backoff_seconds: float = 8.0
    max_retry_after_seconds: float = 60.0

    def backoff(self, attempt: int) -> float:
        ceiling = min(self.max_backoff_seconds, self.backoff_seconds * float(2 ** attempt))
        return float(ceiling * (0.5 + random.random() / 2))


class _NotSent(Exception):
    """The connection failed before any byte of the request left: the api did nothing."""


class Transport:
    """Sends the SDK's requests to one api."""

    def __init__(
        self,
        base_url: str,
        token: Optional[str],
        timeout_seconds: float,
        retry: RetryPolicy,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        parsed = urllib.parse.urlsplit(base_url.rstrip("/"))
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ValueError("base_url must be an http(s) URL, e.g. http://127.0.0.1:8080; got %r" % base_url)
        self.base_url = base_url.rstrip("/")
        self._scheme = parsed.scheme
        self._host = parsed.hostname
        self._port = parsed.port
        self._prefix = parsed.path
        self.token = token
        self.timeout_seconds = timeout_seconds
        self.retry = retry
        self._sleep = sleep

    # ---- what the SDK calls ----------------------------------------------------------------------------------

    def operation(
        self,
        operation_id: str,
        body: Mapping[str, Any],
        retry: Retry,
        idempotency_key: Optional[str] = None,
    ) -> Tuple[int, Any, Dict[str, str]]:
        """POST /v1/op/{operation_id} with a JSON body; returns (status, JSON answer or None, headers)."""
        headers = {"Content-Type": JSON, "Accept": JSON}
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        payload = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        status, answer_headers, data = self._with_retries(
            lambda: self._exchange("POST", self._op_path(operation_id), headers, payload),
            retry, in_flight_is_retryable=idempotency_key is not None)
        return status, (json.loads(data.decode("utf-8")) if data else None), answer_headers

    def ndjson(self, operation_id: str, body: Mapping[str, Any]) -> Iterator[Dict[str, Any]]:
        """POST /v1/op/{operation_id} asking for NDJSON; yields each line's object as it arrives."""
        headers = {"Content-Type": JSON, "Accept": NDJSON}
        payload = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        connection, response = self._with_retries(
            lambda: self._open("POST", self._op_path(operation_id), headers, payload), Retry.SAFE, False)
        try:
            for line in response:
                line = line.strip()
                if line:
                    yield json.loads(line.decode("utf-8"))
        finally:
            connection.close()

    def open_get(self, path: str, headers: Mapping[str, str]) -> Tuple[http.client.HTTPConnection,
                                                                         http.client.HTTPResponse]:
        """GET ``path`` and return the open response (status 2xx) for the caller to stream; errors are raised."""
        return self._with_retries(lambda: self._open("GET", self._prefix + path, dict(headers), None),
                                  Retry.SAFE, False)

    def get(self, path: str, query: Mapping[str, Any], headers: Mapping[str, str],
            not_modified_ok: bool = False) -> Tuple[int, Dict[str, str], bytes]:
        """GET ``path?query`` (lists repeat their parameter) and return (status, headers, body); a 304 is returned
        rather than raised when ``not_modified_ok``, other non-2xx answers are raised as the api's error."""
        target = self._prefix + path
        if query:
            target += "?" + urllib.parse.urlencode(query, doseq=True)
        return self._with_retries(
            lambda: self._exchange("GET", target, dict(headers), None, not_modified_ok), Retry.SAFE, False)

    def with_token(self, token: Optional[str]) -> "Transport":
        return Transport(self.base_url, token, self.timeout_seconds, self.retry, self._sleep)

    def sleep(self, seconds: float) -> None:
        self._sleep(seconds)

    # ---- one exchange ----------------------------------------------------------------------------------------

    def _op_path(self, operation_id: str) -> str:
        return "%s/v1/op/%s" % (self._prefix, operation_id)

    def _connection(self) -> http.client.HTTPConnection:
        if self._scheme == "https":
            return http.client.HTTPSConnection(self._host, self._port, timeout=self.timeout_seconds,
                                               context=ssl.create_default_context())
        return http.client.HTTPConnection(self._host, self._port, timeout=self.timeout_seconds)

    def _open(self, method: str, path: str, headers: Dict[str, str], payload: Optional[bytes],
              not_modified_ok: bool = False) -> Tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
        """Sends one request; returns the open 2xx response, raises the api's error for any other status."""
        headers = dict(headers)
        headers.setdefault("User-Agent", "geopera-python/%s" % __version__)
        headers["Connection"] = "close"
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        connection = self._connection()
        try:
            connection.connect()
        except (OSError, http.client.HTTPException) as e:
            connection.close()
            raise _NotSent(e) from e
        try:
            connection.request(method, path, body=payload, headers=headers)
            response = connection.getresponse()
        except BaseException:
            connection.close()
            raise
        if response.status >= 300 and not (not_modified_ok and response.status == 304):
            try:
                data = response.read()
            finally:
                connection.close()
            raise errors.error_for(response.status, _problem(response, data), dict(response.getheaders()))
        return connection, response

    def _exchange(self, method: str, path: str, headers: Dict[str, str], payload: Optional[bytes],
                  not_modified_ok: bool = False) -> Tuple[int, Dict[str, str], bytes]:
        connection, response = self._open(method, path, headers, payload, not_modified_ok)
        try:
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    # ---- retries ---------------------------------------------------------------------------------------------

    def _with_retries(self, send: Callable[[], R], retry: Retry, in_flight_is_retryable: bool) -> R:
        attempt = 0
        while True:
            try:
                return send()
            except _NotSent as e:
                failure: Exception = errors.APIConnectionError("cannot connect to %s: %s" % (self.base_url, e.args[0]))
                wait = self.retry.backoff(attempt)
            except errors.APIError as e:
                if not _retryable(e, retry, in_flight_is_retryable):
                    raise
                failure = e
                asked = _retry_after(e)
                if asked is not None and asked > self.retry.max_retry_after_seconds:
                    raise
                wait = self.retry.backoff(attempt) if asked is None else asked
            except (OSError, http.client.HTTPException) as e:
                # Sent, but the answer was lost: only a request the api runs at most once may go again.
                failure = errors.APIConnectionError("%s: connection to %s failed: %r" % (
                    "request" if retry is Retry.SAFE else "request (not retried: it may have been applied)",
                    self.base_url, e))
                if retry is not Retry.SAFE:
                    raise failure from e
                wait = self.retry.backoff(attempt)
            if attempt >= self.retry.max_retries:
                raise failure
            attempt += 1
            self._sleep(wait)


def _retryable(error: errors.APIError, retry: Retry, in_flight_is_retryable: bool) -> bool:
    if error.status == 429:
        return True  # refused before any work
    if retry is not Retry.SAFE:
        return False
    if error.status in (500, 502, 503, 504):
        return True
    # The first attempt of this key may still be running (its answer was lost): wait for it, then get its replay.
    return in_flight_is_retryable and error.code == "idempotency_key_in_flight"


def _retry_after(error: errors.APIError) -> Optional[float]:
    value = next((v for k, v in error.headers.items() if k.lower() == "retry-after"), None)
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _problem(response: http.client.HTTPResponse, data: bytes) -> Dict[str, Any]:
    try:
        parsed = json.loads(data.decode("utf-8")) if data else None
    except (UnicodeDecodeError, ValueError):
        parsed = None
    if isinstance(parsed, dict):
        return parsed
    # Not a problem document (a proxy's page, or the HTTP codec's bare refusal): keep what can be known.
    return {"status": response.status, "title": response.reason,
            "detail": data[:500].decode("utf-8", "replace") if data else None}

