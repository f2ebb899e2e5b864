"""``client.auth``: session tokens."""

from typing import Optional, Sequence

from ._operations import operation
from ._transport import Retry, Transport
from .models import RevokedSession, Session
from .processing import _Base, _body


class Sessions(_Base):
    """``client.auth.sessions``."""

    @operation("auth.sessions.create")
    def create(self, scopes: Optional[Sequence[str]] = None, ttl_seconds: Optional[int] = None) -> Session:
        """A session token (``gprs_…``) for this API key, with at most its scopes; use it with
        ``Client(session_token=session.token)`` or ``client.with_token(session.token)``."""
        return Session.from_json(self._call("auth.sessions.create", _body(
            scopes=None if scopes is None else list(scopes), ttl_seconds=ttl_seconds), Retry.UNSAFE))

    @operation("auth.sessions.revoke")
    def revoke(self, session_id: str) -> RevokedSession:
        """Ends a session made with this key."""
        return RevokedSession.from_json(self._call("auth.sessions.revoke", _body(session_id=session_id)))


class Auth(_Base):
    """``client.auth``."""

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.sessions = Sessions(transport)

    @operation("auth.logout")
    def logout(self) -> RevokedSession:
        """Ends the session whose token this client uses (with an API key: ``ValidationError``)."""
        return RevokedSession.from_json(self._call("auth.logout", {}))
