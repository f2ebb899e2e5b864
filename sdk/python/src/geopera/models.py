"""What the operations answer, as dataclasses. Every object keeps the api's JSON as ``raw`` (members this version
of the SDK does not know yet included); timestamps are the api's ISO-8601 strings."""

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Type, TypeVar

T = TypeVar("T", bound="Model")


@dataclass
class Model:
    """Base of every answer: ``raw`` is the JSON object as the api sent it."""

    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls: Type[T], data: Optional[Mapping[str, Any]]) -> T:
        """Builds the object from a JSON object; members it lacks are ``None`` (or empty lists)."""
        data = dict(data or {})
        converters = _CONVERTERS.get(cls, {})
        values: Dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name == "raw" or not f.init:
                continue
            if f.name in data:
                value = data[f.name]
                convert = converters.get(f.name)
                values[f.name] = convert(value) if convert is not None and value is not None else value
        return cls(raw=data, **values)

    def __getitem__(self, member: str) -> Any:
        """``obj["member"]``: the raw JSON member, for fields this version does not type."""
        return self.raw[member]


def _many(model: Type["Model"]) -> Callable[[Any], List[Any]]:
    return lambda values: [model.from_json(v) for v in values]


def _one(model: Type["Model"]) -> Callable[[Any], Any]:
    return model.from_json


# ---- jobs --------------------------------------------------------------------------------------------------------


@dataclass
class Billing(Model):
    """Credits of a job: estimated, reserved (held), charged and released; ``status`` none/reserved/settled/released."""

    estimated_credits: Optional[int] = None
    reserved_credits: Optional[int] = None
    charged_credits: Optional[int] = None
    released_credits: Optional[int] = None
    status: Optional[str] = None


@dataclass
class JobError(Model):
    """Why a job failed: ``code`` (e.g. ``attempts_exhausted``) and a message."""

    code: Optional[str] = None
    message: Optional[str] = None


@dataclass
class JobOutput(Model):
    """One output of a job. ``href`` is served by the api (``job.download``) unless ``external``."""

    name: Optional[str] = None
    href: Optional[str] = None
    media_type: Optional[str] = None
    size_bytes: Optional[int] = None
    metadata: Optional[Dict[str, Any]] = None
    external: Optional[bool] = None


FINAL_STATUSES = frozenset({"succeeded", "failed", "cancelled"})


@dataclass
class Job(Model):
    """A processing job. ``status``: created, queued, running, succeeded, failed, cancelled."""

    job_id: str = ""
    status: str = ""
    ogc_status: Optional[str] = None
    process_id: Optional[str] = None
    process_version: Optional[str] = None
    job_type: Optional[str] = None
    queue: Optional[str] = None
    title: Optional[str] = None
    org_id: Optional[str] = None
    workspace_id: Optional[str] = None
    project_id: Optional[str] = None
    inputs: Optional[Dict[str, Any]] = None
    progress: Optional[int] = None
    attempt: Optional[int] = None
    worker_id: Optional[str] = None
    created_at: Optional[str] = None
    updated_at: Optional[str] = None
    started_at: Optional[str] = None
    finished_at: Optional[str] = None
    heartbeat_at: Optional[str] = None
    error: Optional[JobError] = None
    outputs: List[JobOutput] = field(default_factory=list)
    outputs_deleted_at: Optional[str] = None
    billing: Optional[Billing] = None

    @property
    def is_final(self) -> bool:
        """True once the job succeeded, failed or was cancelled: it changes no more."""
        return self.status in FINAL_STATUSES

    def output(self, name: str) -> JobOutput:
        """The output called ``name``; ``KeyError`` when the job has none of that name."""
        for output in self.outputs:
            if output.name == name:
                return output
        raise KeyError("job %s has no output %r (it has %s)" % (self.job_id, name, [o.name for o in self.outputs]))


@dataclass
class JobPage(Model):
    """One page of ``jobs.list``. ``next_cursor`` asks for the page after it; ``page`` is None on a cursor page."""

    jobs: List[Job] = field(default_factory=list)
    has_more: bool = False
    next_cursor: Optional[str] = None
    limit: Optional[int] = None
    total: Optional[int] = None
    page: Optional[int] = None
    sort: Optional[str] = None


@dataclass
class ProjectJobPage(Model):
    """One page of ``project_jobs.list``. ``next_cursor`` as in ``JobPage``; ``offset`` is None on a cursor page."""

    jobs: List[Job] = field(default_factory=list)
    project_id: str = ""
    has_more: bool = False
    next_cursor: Optional[str] = None
    limit: Optional[int] = None
    total: Optional[int] = None
    offset: Optional[int] = None


# ---- catalog -----------------------------------------------------------------------------------------------------


@dataclass
class ProcessSummary(Model):
    """One process of the catalog (OGC API - Processes summary, plus job type, category and queue)."""

    id: str = ""
    version: Optional[str] = None
    title: Optional[str] = None
    description: Optional[str] = None
    keywords: List[str] = field(default_factory=list)
    jobControlOptions: List[str] = field(default_factory=list)
    outputTransmission: List[str] = field(default_factory=list)
    job_type: Optional[str] = None
    category: Optional[str] = None
    queue: Optional[str] = None


@dataclass
class ProcessList(Model):
    """The process catalog."""

    processes: List[ProcessSummary] = field(default_factory=list)


@dataclass
class ProcessDescription(Model):
    """A process description (OGC): its inputs and outputs as JSON schemas, plus job type, category and queue."""

    id: str = ""
    version: Optional[str] = None
    title: Optional[str] = None
    description: Optional[str] = None
    keywords: List[str] = field(default_factory=list)
    inputs: Dict[str, Any] = field(default_factory=dict)
    outputs: Dict[str, Any] = field(default_factory=dict)
    jobControlOptions: List[str] = field(default_factory=list)
    outputTransmission: List[str] = field(default_factory=list)
    job_type: Optional[str] = None
    category: Optional[str] = None
    queue: Optional[str] = None


@dataclass
class Estimate(Model):
    """What running a process on these inputs would cost, and until when the estimate holds."""

    process_id: str = ""
    credits: int = 0
    basis: Dict[str, Any] = field(default_factory=dict)
    expires_at: Optional[str] = None


@dataclass
class JobType(Model):
    """A job type: its category, queue and the processes it runs."""

    name: str = ""
    category: Optional[str] = None
    queue: Optional[str] = None
    processes: List[str] = field(default_factory=list)


@dataclass
class JobTypeList(Model):
    """The job types."""

    job_types: List[JobType] = field(default_factory=list)


@dataclass
class TileJSON(Model):
    """TileJSON 3.0.0 of a finished clip/bathy job's raster output: ``tiles`` (URLs carrying a signed ``token``),
    ``bounds``, zoom range, the output's bands, the render parameters it accepts and its ``preview``, ``map`` and
    ``tilejson_url`` links (same token, valid until ``token_expires_at``)."""

    tilejson: str = ""
    name: Optional[str] = None
    scheme: Optional[str] = None
    tiles: List[str] = field(default_factory=list)
    bounds: List[float] = field(default_factory=list)
    center: List[float] = field(default_factory=list)
    minzoom: Optional[int] = None
    maxzoom: Optional[int] = None
    output: Optional[str] = None
    outputs: List[str] = field(default_factory=list)
    crs: Any = None
    bands: List[Dict[str, Any]] = field(default_factory=list)
    formats: List[str] = field(default_factory=list)
    tilesizes: List[int] = field(default_factory=list)
    resamplings: List[str] = field(default_factory=list)
    colormaps: List[str] = field(default_factory=list)
    render: Optional[Dict[str, Any]] = None
    default_render: Optional[Dict[str, Any]] = None
    job: Optional[Dict[str, Any]] = None
    preview: Optional[str] = None
    map: Optional[str] = None
    tilejson_url: Optional[str] = None
    token_expires_at: Optional[str] = None


@dataclass
class Image(Model):
    """A rendered tile or preview: ``data`` (the image's bytes), ``media_type`` and the strong ``etag``. With
    ``if_none_match`` equal to the current ETag the api draws nothing: ``not_modified`` is true and ``data`` empty
    (keep the copy you have)."""

    data: bytes = b""
    media_type: Optional[str] = None
    etag: Optional[str] = None
    not_modified: bool = False


@dataclass
class Download(Model):
    """A finished ``job.download``: where the file is, its size, and how much of it this call transferred."""

    path: str = ""
    size_bytes: int = 0
    resumed_from: int = 0
    bytes_transferred: int = 0
    media_type: Optional[str] = None


# ---- auth --------------------------------------------------------------------------------------------------------


@dataclass
class Session(Model):
    """A session: ``token`` (``gprs_…``) is a bearer token with at most the key's scopes, until ``expires_at``."""

    session_id: str = ""
    token: Optional[str] = None
    token_type: Optional[str] = None
    key_id: Optional[str] = None
    org_id: Optional[str] = None
    scopes: List[str] = field(default_factory=list)
    created_at: Optional[str] = None
    expires_at: Optional[str] = None


@dataclass
class RevokedSession(Model):
    """The answer of ``auth.sessions.revoke`` and ``auth.logout``."""

    session_id: str = ""
    revoked: bool = False


# ---- admin -------------------------------------------------------------------------------------------------------


@dataclass
class Org(Model):
    """An organisation."""

    org_id: str = ""
    name: Optional[str] = None
    created_at: Optional[str] = None


@dataclass
class Workspace(Model):
    """A workspace of an organisation."""

    workspace_id: str = ""
    org_id: Optional[str] = None
    name: Optional[str] = None
    created_at: Optional[str] = None


@dataclass
class Project(Model):
    """A project of an organisation (in a workspace or not)."""

    project_id: str = ""
    org_id: Optional[str] = None
    workspace_id: Optional[str] = None
    name: Optional[str] = None
    created_at: Optional[str] = None


@dataclass
class ProjectMember(Model):
    """A principal's membership of a project."""

    project_id: str = ""
    principal_id: Optional[str] = None
    org_id: Optional[str] = None


@dataclass
class ApiKey(Model):
    """An API key. ``api_key`` (the secret) is only in the answer of ``admin.api_keys.create``."""

    key_id: str = ""
    api_key: Optional[str] = None
    principal_id: Optional[str] = None
    org_id: Optional[str] = None
    name: Optional[str] = None
    scopes: List[str] = field(default_factory=list)
    created_at: Optional[str] = None


@dataclass
class RevokedKey(Model):
    """The answer of ``admin.api_keys.revoke``."""

    key_id: str = ""
    org_id: Optional[str] = None
    revoked: bool = False
    revoked_at: Optional[str] = None


@dataclass
class InvariantViolation(Model):
    """A ledger invariant that does not hold."""

    code: Optional[str] = None
    subject: Optional[str] = None
    detail: Optional[str] = None


@dataclass
class Balance(Model):
    """Credits of an organisation: ``posted`` (granted minus charged), ``pending`` (held), ``available``, and the
    ledger's invariant check."""

    org_id: str = ""
    posted: Optional[int] = None
    pending: Optional[int] = None
    available: Optional[int] = None
    invariants_ok: Optional[bool] = None
    violations: List[InvariantViolation] = field(default_factory=list)


@dataclass
class CreditGrant(Balance):
    """The answer of ``admin.credits.grant``: the balance after it, what was granted, and whether a grant with this
    ``reference`` had been made before (then nothing was added)."""

    granted: Optional[int] = None
    reference: Optional[str] = None
    already_granted: Optional[bool] = None


@dataclass
class LedgerAudit(Model):
    """The answer of ``admin.ledger.audit``: whether the whole ledger agrees with its journal and the jobs, what
    does not, when it was checked and how long that took."""

    invariants_ok: Optional[bool] = None
    violations: List[InvariantViolation] = field(default_factory=list)
    checked_at: Optional[str] = None
    duration_ms: Optional[int] = None


_CONVERTERS: Dict[type, Dict[str, Callable[[Any], Any]]] = {
    Job: {"error": _one(JobError), "outputs": _many(JobOutput), "billing": _one(Billing)},
    JobPage: {"jobs": _many(Job)},
    ProjectJobPage: {"jobs": _many(Job)},
    ProcessList: {"processes": _many(ProcessSummary)},
    JobTypeList: {"job_types": _many(JobType)},
    Balance: {"violations": _many(InvariantViolation)},
    CreditGrant: {"violations": _many(InvariantViolation)},
    LedgerAudit: {"violations": _many(InvariantViolation)},
}
