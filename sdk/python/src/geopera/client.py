"""``Client``: the entry point."""

import os
from typing import Optional

from ._transport import RetryPolicy, Transport
from .admin import Admin
from .ops import Ops
from .auth import Auth
from .processing import Processing

DEFAULT_URL = "http://127.0.0.1:8080"


class Client:
    """A Geopera api client.

    ``Client()`` reads ``GEOPERA_URL`` (default ``http://127.0.0.1:8080``), ``GEOPERA_API_KEY`` and
    ``GEOPERA_WORKSPACE_ID`` (where ``create``/``execute`` put jobs when no ``workspaceId`` is given) from the
    environment; arguments win over the environment (``api_key=""``: no token, for the public catalog).
    ``session_token`` uses a session token (``gprs_…``) instead of a key.

    Operations are ``client.processing.…``, ``client.auth.…``, ``client.admin.…`` and ``client.ops.…``, named as in
    the operation reference. Reads and spends (which carry an Idempotency-Key) are retried ``max_retries`` times on connection
    failures, 429 and 5xx, with exponential backoff from ``backoff_seconds`` (or the answer's ``Retry-After``).
    """

    def __init__(
        self,
        api_key: Optional[str] = None,
        base_url: Optional[str] = None,
        *,
        session_token: Optional[str] = None,
        workspace_id: Optional[str] = None,
        timeout_seconds: float = 60.0,
        max_retries: int = 3,
        backoff_seconds: float = 0.5,
        max_backoff_seconds: float = 8.0,
    ) -> None:
        if api_key is not None and session_token is not None:
            raise ValueError("give api_key or session_token, not both")
        if session_token is not None:
            token: Optional[str] = session_token
        else:
            token = api_key if api_key is not None else os.environ.get("GEOPERA_API_KEY")
        token = token or None  # api_key="" calls without a token (the public catalog)
        url = base_url or os.environ.get("GEOPERA_URL") or DEFAULT_URL
        self.workspace_id = workspace_id or os.environ.get("GEOPERA_WORKSPACE_ID") or None
        retry = RetryPolicy(max_retries=max_retries, backoff_seconds=backoff_seconds,
                            max_backoff_seconds=max_backoff_seconds)
        self._init(Transport(url, token, timeout_seconds, retry))

    def _init(self, transport: Transport) -> None:
        self._transport = transport
        self.processing = Processing(transport, self.workspace_id)
        self.auth = Auth(transport)
        self.admin = Admin(transport)
        self.ops = Ops(transport)

    @property
    def base_url(self) -> str:
        return self._transport.base_url

    def with_token(self, token: str) -> "Client":
        """The same client calling with another bearer token (e.g. a session's ``token``)."""
        other = Client.__new__(Client)
        other.workspace_id = self.workspace_id
        other._init(self._transport.with_token(token))
        return other

    def __repr__(self) -> str:
        return "Client(base_url=%r)" % self.base_url
