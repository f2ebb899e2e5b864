"""``client.admin``: organisations, workspaces, projects, API keys, credits and the ledger audit (an admin key's
operations)."""

from typing import Optional, Sequence

from ._operations import operation
from ._transport import Retry, Transport
from .models import ApiKey, Balance, CreditGrant, LedgerAudit, Org, Project, ProjectMember, RevokedKey, Workspace
from .processing import _Base, _body


class Orgs(_Base):
    """``client.admin.orgs``."""

    @operation("admin.orgs.create")
    def create(self, name: str) -> Org:
        """A new organisation."""
        return Org.from_json(self._call("admin.orgs.create", _body(name=name), Retry.UNSAFE))


class Workspaces(_Base):
    """``client.admin.workspaces``."""

    @operation("admin.workspaces.create")
    def create(self, org_id: str, name: str) -> Workspace:
        """A new workspace of the organisation."""
        return Workspace.from_json(self._call("admin.workspaces.create", _body(org_id=org_id, name=name),
                                              Retry.UNSAFE))


class ProjectMembers(_Base):
    """``client.admin.projects.members``."""

    @operation("admin.projects.members.add")
    def add(self, project_id: str, key_id: Optional[str] = None, principal_id: Optional[str] = None) -> ProjectMember:
        """Makes a principal (or the principal of an API key) a member of the project."""
        return ProjectMember.from_json(self._call("admin.projects.members.add", _body(
            project_id=project_id, key_id=key_id, principal_id=principal_id)))


class Projects(_Base):
    """``client.admin.projects``."""

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.members = ProjectMembers(transport)

    @operation("admin.projects.create")
    def create(self, org_id: str, name: str, workspace_id: Optional[str] = None) -> Project:
        """A new project of the organisation, optionally in a workspace."""
        return Project.from_json(self._call("admin.projects.create", _body(
            org_id=org_id, name=name, workspace_id=workspace_id), Retry.UNSAFE))


class ApiKeys(_Base):
    """``client.admin.api_keys``."""

    @operation("admin.api_keys.create")
    def create(self, name: str, scopes: Sequence[str], org_id: Optional[str] = None,
               principal_id: Optional[str] = None) -> ApiKey:
        """A new API key; its secret (``api_key``) is in this answer only."""
        return ApiKey.from_json(self._call("admin.api_keys.create", _body(
            org_id=org_id, name=name, scopes=list(scopes), principal_id=principal_id), Retry.UNSAFE))

    @operation("admin.api_keys.revoke")
    def revoke(self, key_id: str) -> RevokedKey:
        """Revokes the key and every session made with it."""
        return RevokedKey.from_json(self._call("admin.api_keys.revoke", _body(key_id=key_id)))


class Credits(_Base):
    """``client.admin.credits``."""

    @operation("admin.credits.grant")
    def grant(self, org_id: str, credits: int, reference: Optional[str] = None) -> CreditGrant:
        """Adds credits; a repeated ``reference`` grants once (so a grant with a reference is retried safely)."""
        return CreditGrant.from_json(self._call("admin.credits.grant", _body(
            org_id=org_id, credits=credits, reference=reference), Retry.SAFE if reference else Retry.UNSAFE))

    @operation("admin.credits.balance")
    def balance(self, org_id: str) -> Balance:
        """The organisation's posted, pending and available credits, and the invariants of its open holds."""
        return Balance.from_json(self._call("admin.credits.balance", _body(org_id=org_id)))


class Ledger(_Base):
    """``client.admin.ledger``."""

    @operation("admin.ledger.audit")
    def audit(self) -> LedgerAudit:
        """The whole ledger recomputed from its journal and checked against the jobs (its cost grows with the
        journal: not for every request)."""
        return LedgerAudit.from_json(self._call("admin.ledger.audit", {}))


class Admin(_Base):
    """``client.admin``: needs an admin key (``scopes: ["admin"]``)."""

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.orgs = Orgs(transport)
        self.workspaces = Workspaces(transport)
        self.projects = Projects(transport)
        self.api_keys = ApiKeys(transport)
        self.credits = Credits(transport)
        self.ledger = Ledger(transport)
