"""``client.ops``: the operators' views and actions (an operator key with ``ops:read`` / ``ops:write``, or an admin
key). The answers are documented in docs/OPERATIONS-GUIDE.md."""

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from ._operations import operation
from ._transport import Retry, Transport
from .models import _CONVERTERS, Job, Model, _many, _one
from .processing import _Base, _body


@dataclass
class OpsQueue(Model):
    """One worker queue: ``backlog`` (records not yet taken by the worker group; ``None`` when Kafka was unreadable),
    ``unpublished`` (held in the outbox), queued and running jobs, the oldest queued job, throughput, partitions."""

    queue: str = ""
    topic: Optional[str] = None
    paused: Optional[bool] = None
    paused_at: Optional[str] = None
    paused_by: Optional[str] = None
    pause_reason: Optional[str] = None
    backlog: Optional[int] = None
    unpublished: Optional[int] = None
    queued: Optional[int] = None
    running: Optional[int] = None
    oldest_queued_at: Optional[str] = None
    oldest_queued_age_seconds: Optional[float] = None
    workers_alive: Optional[int] = None
    throughput: Dict[str, Any] = field(default_factory=dict)
    partitions: List[Dict[str, Any]] = field(default_factory=list)


@dataclass
class OpsQueues(Model):
    """The answer of ``ops.queues``."""

    as_of: Optional[str] = None
    kafka_readable: Optional[bool] = None
    queues: List[OpsQueue] = field(default_factory=list)


@dataclass
class OpsWorker(Model):
    """One worker process as its last heartbeat described it."""

    worker_id: str = ""
    version: Optional[str] = None
    queues: List[str] = field(default_factory=list)
    slots: Optional[int] = None
    slots_busy: Optional[int] = None
    slots_free: Optional[int] = None
    running: List[Dict[str, Any]] = field(default_factory=list)
    partitions: List[Dict[str, Any]] = field(default_factory=list)
    started_at: Optional[str] = None
    last_heartbeat_at: Optional[str] = None
    heartbeat_age_seconds: Optional[float] = None
    alive: Optional[bool] = None


@dataclass
class OpsWorkers(Model):
    """The answer of ``ops.workers``."""

    as_of: Optional[str] = None
    heartbeat_timeout_seconds: Optional[int] = None
    workers: List[OpsWorker] = field(default_factory=list)


@dataclass
class OpsJobs(Model):
    """The answer of ``ops.jobs``: recent ``failures``, ``failure_codes`` and ``stuck`` jobs (plain JSON objects)."""

    as_of: Optional[str] = None
    failures: List[Dict[str, Any]] = field(default_factory=list)
    failure_codes: List[Dict[str, Any]] = field(default_factory=list)
    stuck: List[Dict[str, Any]] = field(default_factory=list)


@dataclass
class OpsQueueState(Model):
    """A queue after ``ops.queues.pause`` / ``resume``; ``changed`` is false when it already was so."""

    queue: str = ""
    paused: Optional[bool] = None
    changed: Optional[bool] = None
    paused_at: Optional[str] = None
    paused_by: Optional[str] = None
    pause_reason: Optional[str] = None
    unpublished: Optional[int] = None
    audit_id: Optional[int] = None


@dataclass
class OpsJobAction(Model):
    """A job after an operator's retry (the new job; ``retry_of`` is the failed one) or cancel, with the audit
    entry's id."""

    audit_id: Optional[int] = None
    retry_of: Optional[str] = None
    job: Optional[Job] = None


@dataclass
class OpsParkedRecords(Model):
    """The answer of ``ops.outbox.parked``: parked outbox records (plain JSON objects)."""

    records: List[Dict[str, Any]] = field(default_factory=list)


@dataclass
class OpsRecordState(Model):
    """A parked record after replay (``pending``) or discard (``discarded``)."""

    id: Optional[int] = None
    state: Optional[str] = None
    audit_id: Optional[int] = None


@dataclass
class OpsAuditPage(Model):
    """A page of the operators' audit, newest first; ``next_before_id`` is ``None`` on the last page."""

    entries: List[Dict[str, Any]] = field(default_factory=list)
    next_before_id: Optional[int] = None


_CONVERTERS.update({
    OpsQueues: {"queues": _many(OpsQueue)},
    OpsWorkers: {"workers": _many(OpsWorker)},
    OpsJobAction: {"job": _one(Job)},
})


class Queues(_Base):
    """``client.ops.queues(…)`` reads the queues; ``.pause`` / ``.resume`` act on one."""

    @operation("ops.queues")
    def __call__(self, queue: Optional[str] = None) -> OpsQueues:
        """Every queue (or one): backlog, oldest queued job, throughput, partitions and their owners."""
        return OpsQueues.from_json(self._call("ops.queues", _body(queue=queue)))

    @operation("ops.queues.pause")
    def pause(self, queue: str, reason: Optional[str] = None) -> OpsQueueState:
        """Stops dispatching the queue: its jobs wait in the outbox, none is lost."""
        return OpsQueueState.from_json(self._call("ops.queues.pause", _body(queue=queue, reason=reason)))

    @operation("ops.queues.resume")
    def resume(self, queue: str, reason: Optional[str] = None) -> OpsQueueState:
        """Dispatches the queue again, oldest waiting job first."""
        return OpsQueueState.from_json(self._call("ops.queues.resume", _body(queue=queue, reason=reason)))


class Workers(_Base):
    """``client.ops.workers(…)``."""

    @operation("ops.workers")
    def __call__(self) -> OpsWorkers:
        """The workers heard from recently, live ones first."""
        return OpsWorkers.from_json(self._call("ops.workers", {}))


class Jobs(_Base):
    """``client.ops.jobs(…)`` reads failures and stuck jobs; ``.retry`` / ``.cancel`` act on one job."""

    @operation("ops.jobs")
    def __call__(self, failed_within_minutes: Optional[int] = None, limit: Optional[int] = None) -> OpsJobs:
        """Recent failures with their codes, and stuck jobs."""
        return OpsJobs.from_json(self._call("ops.jobs", _body(failed_within_minutes=failed_within_minutes,
                                                              limit=limit)))

    @operation("ops.jobs.retry")
    def retry(self, job_id: str, reason: Optional[str] = None) -> OpsJobAction:
        """Runs a failed job (of any org) again as a new job of its org, queued with a new hold; at most once."""
        return OpsJobAction.from_json(self._call("ops.jobs.retry", _body(job_id=job_id, reason=reason),
                                                 Retry.UNSAFE))

    @operation("ops.jobs.cancel")
    def cancel(self, job_id: str, reason: Optional[str] = None) -> OpsJobAction:
        """Cancels a job of any org: its hold released, a running attempt told to stop."""
        return OpsJobAction.from_json(self._call("ops.jobs.cancel", _body(job_id=job_id, reason=reason),
                                                 Retry.UNSAFE))


class Outbox(_Base):
    """``client.ops.outbox``: records the relay parked."""

    @operation("ops.outbox.parked")
    def parked(self, limit: Optional[int] = None) -> OpsParkedRecords:
        """Parked records, newest first."""
        return OpsParkedRecords.from_json(self._call("ops.outbox.parked", _body(limit=limit)))

    @operation("ops.outbox.replay")
    def replay(self, id: int, reason: Optional[str] = None) -> OpsRecordState:  # noqa: A002 - the api's name
        """Puts a parked record back in the relay's work (never a dispatch of a failed job: retry the job)."""
        return OpsRecordState.from_json(self._call("ops.outbox.replay", _body(id=id, reason=reason), Retry.UNSAFE))

    @operation("ops.outbox.discard")
    def discard(self, id: int, reason: Optional[str] = None) -> OpsRecordState:  # noqa: A002 - the api's name
        """Marks a parked record discarded (kept for the audit)."""
        return OpsRecordState.from_json(self._call("ops.outbox.discard", _body(id=id, reason=reason), Retry.UNSAFE))


class Audit(_Base):
    """``client.ops.audit(…)``."""

    @operation("ops.audit")
    def __call__(self, limit: Optional[int] = None, before_id: Optional[int] = None) -> OpsAuditPage:
        """Operator actions, newest first; pass ``next_before_id`` as ``before_id`` for the next page."""
        return OpsAuditPage.from_json(self._call("ops.audit", _body(limit=limit, before_id=before_id)))


class Ops(_Base):
    """``client.ops``: operator views and actions."""

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.queues = Queues(transport)
        self.workers = Workers(transport)
        self.jobs = Jobs(transport)
        self.outbox = Outbox(transport)
        self.audit = Audit(transport)
