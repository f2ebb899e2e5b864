"""``client.processing``: the processing operations, named as in the operation reference."""

import http.client
import json
import os
import time
import urllib.parse
import uuid
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from . import errors
from ._operations import Namespace, helper, operation
from ._transport import Retry, Transport
from .models import (Download, Estimate, Image, Job, JobPage, JobTypeList, ProcessDescription, ProcessList,
                     ProjectJobPage, TileJSON)

StrList = Union[str, Sequence[str]]

OUTPUT_PATH = "/v1/processing/jobs/{job_id}/outputs/{name}"
TILE_PATH = "/v1/processing/jobs/{job_id}/tiles/{z}/{x}/{y}.{format}"
PREVIEW_PATH = "/v1/processing/jobs/{job_id}/preview.{format}"
TILEJSON_PATH = "/v1/processing/jobs/{job_id}/tilejson.json"
MAP_PATH = "/v1/processing/jobs/{job_id}/map"
Rescale = Union[str, Sequence[float], Sequence[Sequence[float]]]
_CHUNK_BYTES = 64 * 1024


def _body(**fields: Any) -> Dict[str, Any]:
    """The request body: the given fields, leaving out those that are None."""
    return {name: value for name, value in fields.items() if value is not None}


def _listed(value: Optional[StrList]) -> Optional[List[str]]:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def new_idempotency_key() -> str:
    """A fresh Idempotency-Key (random UUID)."""
    return str(uuid.uuid4())


class _Base(Namespace):
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def _call(self, operation_id: str, body: Mapping[str, Any], retry: Retry = Retry.SAFE,
              idempotency_key: Optional[str] = None) -> Any:
        return self._transport.operation(operation_id, body, retry, idempotency_key)[1]

    def _spend(self, operation_id: str, body: Mapping[str, Any], idempotency_key: Optional[str]) -> Job:
        # The key is fixed before the first attempt, so every retry is the same request to the api: it runs once and
        # replays its answer to the others.
        key = idempotency_key if idempotency_key is not None else new_idempotency_key()
        return Job.from_json(self._call(operation_id, body, Retry.SAFE, key))


class Catalog(_Base):
    """``client.processing.catalog``: the process catalog, validation and estimates."""

    @operation("processing.catalog.list")
    def list(self) -> ProcessList:
        """Every process (public)."""
        return ProcessList.from_json(self._call("processing.catalog.list", {}))

    @operation("processing.catalog.get")
    def get(self, process_id: str) -> ProcessDescription:
        """One process description (public); ``NotFound`` (``process_not_found``) for an unknown id."""
        return ProcessDescription.from_json(self._call("processing.catalog.get", _body(process_id=process_id)))

    @operation("processing.catalog.validate")
    def validate(self, process_id: str, inputs: Optional[Mapping[str, Any]] = None) -> None:
        """Returns when the inputs are valid; raises ``ValidationError`` listing every problem otherwise."""
        self._call("processing.catalog.validate", _body(process_id=process_id, inputs=inputs))

    @operation("processing.catalog.estimate")
    def estimate(self, process_id: str, inputs: Optional[Mapping[str, Any]] = None) -> Estimate:
        """What running the process on these inputs costs (``ValidationError`` as validate)."""
        return Estimate.from_json(self._call("processing.catalog.estimate",
                                             _body(process_id=process_id, inputs=inputs)))


class JobTypes(_Base):
    """``client.processing.job_types``."""

    @operation("processing.job_types.list")
    def list(self, category: Optional[str] = None) -> JobTypeList:
        """The job types, optionally of one category."""
        return JobTypeList.from_json(self._call("processing.job_types.list", _body(category=category)))


class JobResource(_Base):
    """``client.processing.job``: one job by id."""

    @operation("processing.job.get")
    def get(self, job_id: str) -> Job:
        """The job (``NotFound`` for an unknown job or one of another organisation)."""
        return Job.from_json(self._call("processing.job.get", _body(job_id=job_id)))

    @operation("processing.job.delete")
    def delete(self, job_id: str) -> Job:
        """Cancels a created, queued or running job (its hold released), or deletes a finished job's outputs."""
        return Job.from_json(self._call("processing.job.delete", _body(job_id=job_id), Retry.UNSAFE))

    @operation("processing.job.register")
    def register(self, job_id: str, outputs: Optional[Sequence[Mapping[str, Any]]] = None,
                 usage: Optional[Mapping[str, Any]] = None, idempotency_key: Optional[str] = None) -> Job:
        """Registers the outputs of a job you ran yourself (a ``created`` job: its full estimate is charged).
        Each output: ``name``, ``href`` (a file in the job's attempt directory, or an external ``https://`` URL),
        ``media_type``, optionally ``metadata``."""
        return self._spend("processing.job.register",
                           _body(job_id=job_id, outputs=None if outputs is None else [dict(o) for o in outputs],
                                 usage=usage), idempotency_key)

    @operation("processing.job.tile_info")
    def tile_info(self, job_id: str) -> TileJSON:
        """TileJSON of a succeeded clip or bathymetry job (``Conflict`` ``output_not_ready`` before)."""
        return TileJSON.from_json(self._call("processing.job.tile_info", _body(job_id=job_id)))

    @helper("processing.job.get")
    def wait(self, job_id: str, timeout: Optional[float] = 600.0,
             on_progress: Optional[Callable[[Job], None]] = None,
             poll_interval: float = 0.5, max_poll_interval: float = 5.0) -> Job:
        """Polls the job until it succeeded, failed or was cancelled, and returns it (whatever that final status).
        ``on_progress(job)`` is called with the first state seen and whenever status or progress change. The pause
        between polls starts at ``poll_interval`` and grows to ``max_poll_interval`` while nothing changes.
        Raises ``WaitTimeout`` (carrying the last job seen) after ``timeout`` seconds (``None``: no limit)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        interval = poll_interval
        last = None
        while True:
            job = self.get(job_id)
            seen = (job.status, job.progress)
            if seen != last:
                if on_progress is not None:
                    on_progress(job)
                interval = poll_interval
                last = seen
            else:
                interval = min(max_poll_interval, interval * 1.5)
            if job.is_final:
                return job
            if deadline is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise errors.WaitTimeout("job %s still %s after %ss" % (job_id, job.status, timeout), job)
                interval = min(interval, remaining)
            self._transport.sleep(interval)

    @helper("processing.jobs.outputs.get")
    def download(self, job_id: str, output: str, path: Union[str, "os.PathLike[str]"]) -> Download:
        """Downloads output ``output`` of the job to ``path``, streaming to disk. The bytes go to ``path + ".part"``
        first; a ``.part`` left by an interrupted call (or a connection that broke during this one) is resumed with
        an HTTP ``Range`` request, and the file is renamed to ``path`` once it has the announced size. The request
        goes to the client's own ``base_url`` (the bearer token is never sent to a host named in an answer)."""
        return _download(self._transport, job_id, output, path)


class Outputs(_Base):
    """``client.processing.jobs.outputs``: the files of jobs' outputs."""

    @operation("processing.jobs.outputs.get", http="GET " + OUTPUT_PATH)
    def get(self, job_id: str, name: str, path: Union[str, "os.PathLike[str]"]) -> Download:
        """Downloads output ``name`` of the job to ``path``, resuming with ``Range`` (as ``job.download``)."""
        return _download(self._transport, job_id, name, path)


class _Rendered(_Base):
    """GETs of a job's rendered output, opened by a tile ``token`` (sent as the ``token`` query parameter, no api key
    needed) or, without one, by the client's bearer key (``clip:read``)."""

    def _get(self, path: str, query: Mapping[str, Any], token: Optional[str],
             headers: Optional[Mapping[str, str]] = None) -> Tuple[int, Dict[str, str], bytes]:
        query = _body(**query)
        transport = self._transport
        if token is not None:
            query["token"] = token
            transport = transport.with_token(None)
        return transport.get(path, query, headers or {}, not_modified_ok=True)

    def _image(self, path: str, query: Mapping[str, Any], token: Optional[str],
               if_none_match: Optional[str]) -> Image:
        headers = {"Accept": "image/*"}
        if if_none_match is not None:
            headers["If-None-Match"] = if_none_match
        status, answer, data = self._get(path, query, token, headers)
        answer = {k.lower(): v for k, v in answer.items()}
        return Image.from_json({"data": b"" if status == 304 else data, "media_type": answer.get("content-type"),
                                "etag": answer.get("etag"), "not_modified": status == 304})


def _render(output: Optional[str], bidx: Union[None, int, Sequence[int]], rescale: Optional[Rescale],
            colormap: Optional[str], tilesize: Optional[int], resampling: Optional[str]) -> Dict[str, Any]:
    """The render parameters as query parameters: ``bidx`` 4 or (4, 3, 2); ``rescale`` "0,255", (0, 255) for all
    bands, or ((0, 255), (10, 90), …) once per band."""
    bands: Any = bidx
    if bidx is not None and not isinstance(bidx, (int, str)):
        bands = ",".join(str(b) for b in bidx)
    ranges: Any = rescale
    if rescale is not None and not isinstance(rescale, str):
        pairs: List[Any] = list(rescale)
        if pairs and not isinstance(pairs[0], (int, float)):
            ranges = [",".join(str(v) for v in pair) for pair in pairs]
        else:
            ranges = ",".join(str(v) for v in pairs)
    return {"output": output, "bidx": bands, "rescale": ranges, "colormap": colormap, "tilesize": tilesize,
            "resampling": resampling}


class Tiles(_Rendered):
    """``client.processing.jobs.tiles``: Web Mercator tiles of a job's raster output."""

    @operation("processing.jobs.tiles.get", http="GET " + TILE_PATH)
    def get(self, job_id: str, z: int, x: int, y: int, format: str = "png", output: Optional[str] = None,
            bidx: Union[None, int, Sequence[int]] = None, rescale: Optional[Rescale] = None,
            colormap: Optional[str] = None, tilesize: Optional[int] = None, resampling: Optional[str] = None,
            token: Optional[str] = None, if_none_match: Optional[str] = None) -> Image:
        """Tile ``z/x/y`` as ``format`` (``png``, ``webp``, ``jpg``); tiles outside the data are transparent.
        With ``if_none_match`` the ETag of a copy you hold: ``not_modified`` when it is still the tile."""
        path = TILE_PATH.format(job_id=_quote(job_id), z=int(z), x=int(x), y=int(y), format=_quote(format))
        return self._image(path, _render(output, bidx, rescale, colormap, tilesize, resampling), token,
                           if_none_match)


class Preview(_Rendered):
    """``client.processing.jobs.preview``: a job's whole raster output as one image."""

    @operation("processing.jobs.preview.get", http="GET " + PREVIEW_PATH)
    def get(self, job_id: str, format: str = "png", max_size: Optional[int] = None, output: Optional[str] = None,
            bidx: Union[None, int, Sequence[int]] = None, rescale: Optional[Rescale] = None,
            colormap: Optional[str] = None, resampling: Optional[str] = None, token: Optional[str] = None,
            if_none_match: Optional[str] = None) -> Image:
        """The output in its own CRS, its longer side ``max_size`` px at most (16–2048, default 1024; never
        enlarged)."""
        query = _render(output, bidx, rescale, colormap, None, resampling)
        query["max_size"] = max_size
        path = PREVIEW_PATH.format(job_id=_quote(job_id), format=_quote(format))
        return self._image(path, query, token, if_none_match)


class TileJsonResource(_Rendered):
    """``client.processing.jobs.tilejson``."""

    @operation("processing.jobs.tilejson.get", http="GET " + TILEJSON_PATH)
    def get(self, job_id: str, token: Optional[str] = None, output: Optional[str] = None,
            bidx: Union[None, int, Sequence[int]] = None, rescale: Optional[Rescale] = None,
            colormap: Optional[str] = None, tilesize: Optional[int] = None,
            resampling: Optional[str] = None) -> TileJSON:
        """The job's TileJSON. With ``token`` its URLs carry that token (never a longer-lived one); with the bearer
        key, a new one. Render parameters given here are passed into its tile and preview URLs."""
        _, _, data = self._get(TILEJSON_PATH.format(job_id=_quote(job_id)),
                               _render(output, bidx, rescale, colormap, tilesize, resampling), token,
                               {"Accept": "application/json"})
        return TileJSON.from_json(json.loads(data.decode("utf-8")))


class MapPage(_Rendered):
    """``client.processing.jobs.map``."""

    @operation("processing.jobs.map.get", http="GET " + MAP_PATH)
    def get(self, job_id: str, token: Optional[str] = None) -> str:
        """The HTML of the job's map page (what a browser opening the TileJSON's ``map`` link shows)."""
        _, answer, data = self._get(MAP_PATH.format(job_id=_quote(job_id)), {}, token, {"Accept": "text/html"})
        return data.decode(_charset(answer), "replace")


def _charset(headers: Mapping[str, str]) -> str:
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "") or ""
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            return value.strip('"')
    return "utf-8"


class Jobs(_Base):
    """``client.processing.jobs``: the organisation's jobs."""

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.outputs = Outputs(transport)
        self.tiles = Tiles(transport)
        self.preview = Preview(transport)
        self.tilejson = TileJsonResource(transport)
        self.map = MapPage(transport)

    @operation("processing.jobs.list")
    def list(self, workspaceId: Optional[str] = None, processId: Optional[str] = None,
             status: Optional[StrList] = None, ids: Optional[StrList] = None, page: Optional[int] = None,
             cursor: Optional[str] = None, limit: Optional[int] = None, sort: Optional[str] = None,
             include: Optional[StrList] = None) -> JobPage:
        """One page of jobs, newest first unless ``sort`` says otherwise (e.g. ``"-updated_at"``). Send a page's
        ``next_cursor`` as ``cursor`` (same filters and sort) for the page after it. ``include``: ``"inputs"``,
        ``"total"``."""
        return JobPage.from_json(self._call("processing.jobs.list", self._query(
            workspaceId, processId, status, ids, limit, sort, include, page=page, cursor=cursor)))

    @helper("processing.jobs.list")
    def iter(self, workspaceId: Optional[str] = None, processId: Optional[str] = None,
             status: Optional[StrList] = None, ids: Optional[StrList] = None, limit: Optional[int] = None,
             sort: Optional[str] = None, include: Optional[StrList] = None) -> Iterator[Job]:
        """Every matching job, page after page by cursor (``limit`` jobs per request): each job once, even while
        jobs are created meanwhile."""
        cursor = None
        while True:
            page = JobPage.from_json(self._call("processing.jobs.list", self._query(
                workspaceId, processId, status, ids, limit, sort, include, cursor=cursor)))
            yield from page.jobs
            if not page.has_more or not page.next_cursor:
                return
            cursor = page.next_cursor

    @helper("processing.jobs.list")
    def stream(self, workspaceId: Optional[str] = None, processId: Optional[str] = None,
               status: Optional[StrList] = None, ids: Optional[StrList] = None, page: Optional[int] = None,
               cursor: Optional[str] = None, limit: Optional[int] = None, sort: Optional[str] = None,
               include: Optional[StrList] = None) -> Iterator[Job]:
        """Every matching job from where that page would start (``cursor``, ``page``) to the end of the listing, as
        NDJSON, each job parsed as its line arrives (``limit`` is validated but not applied)."""
        for line in self._transport.ndjson("processing.jobs.list", self._query(
                workspaceId, processId, status, ids, limit, sort, include, page=page, cursor=cursor)):
            yield Job.from_json(line)

    @staticmethod
    def _query(workspaceId: Optional[str], processId: Optional[str], status: Optional[StrList],
               ids: Optional[StrList], limit: Optional[int], sort: Optional[str], include: Optional[StrList],
               page: Optional[int] = None, cursor: Optional[str] = None) -> Dict[str, Any]:
        return _body(workspaceId=workspaceId, processId=processId, status=_listed(status), ids=_listed(ids),
                     page=page, cursor=cursor, limit=limit, sort=sort, include=_listed(include))


class ProjectJob(_Base):
    """``client.processing.project_job``."""

    @operation("processing.project_job.get")
    def get(self, job_id: str) -> Job:
        """A job of a project the caller is a member of (``NotFound`` otherwise)."""
        return Job.from_json(self._call("processing.project_job.get", _body(job_id=job_id)))


class ProjectJobs(_Base):
    """``client.processing.project_jobs``: a project's jobs."""

    @operation("processing.project_jobs.list")
    def list(self, project_id: str, status: Optional[StrList] = None, job_type_name: Optional[str] = None,
             limit: Optional[int] = None, offset: Optional[int] = None, cursor: Optional[str] = None,
             include: Optional[StrList] = None) -> ProjectJobPage:
        """One page of the project's jobs, newest first; ``next_cursor`` as in ``jobs.list``."""
        return ProjectJobPage.from_json(self._call("processing.project_jobs.list", _body(
            project_id=project_id, status=_listed(status), job_type_name=job_type_name, limit=limit, offset=offset,
            cursor=cursor, include=_listed(include))))

    @helper("processing.project_jobs.list")
    def iter(self, project_id: str, status: Optional[StrList] = None, job_type_name: Optional[str] = None,
             limit: Optional[int] = None, include: Optional[StrList] = None) -> Iterator[Job]:
        """Every job of the project, page after page by cursor."""
        cursor = None
        while True:
            page = self.list(project_id, status=status, job_type_name=job_type_name, limit=limit, cursor=cursor,
                             include=include)
            yield from page.jobs
            if not page.has_more or not page.next_cursor:
                return
            cursor = page.next_cursor

    @helper("processing.project_jobs.list")
    def stream(self, project_id: str, status: Optional[StrList] = None, job_type_name: Optional[str] = None,
               limit: Optional[int] = None, offset: Optional[int] = None, cursor: Optional[str] = None,
               include: Optional[StrList] = None) -> Iterator[Job]:
        """The project's jobs from where that page would start to the end of the listing, as NDJSON, each parsed as
        its line arrives."""
        for line in self._transport.ndjson("processing.project_jobs.list", _body(
                project_id=project_id, status=_listed(status), job_type_name=job_type_name, limit=limit,
                offset=offset, cursor=cursor, include=_listed(include))):
            yield Job.from_json(line)


class Processing(_Base):
    """``client.processing``: create, dispatch and execute jobs; the catalog; reading and listing jobs."""

    def __init__(self, transport: Transport, default_workspace_id: Optional[str]) -> None:
        super().__init__(transport)
        self._default_workspace_id = default_workspace_id
        self.catalog = Catalog(transport)
        self.job_types = JobTypes(transport)
        self.job = JobResource(transport)
        self.jobs = Jobs(transport)
        self.project_job = ProjectJob(transport)
        self.project_jobs = ProjectJobs(transport)

    @operation("processing.create")
    def create(self, process_id: str, inputs: Optional[Mapping[str, Any]] = None, workspaceId: Optional[str] = None,
               project_id: Optional[str] = None, title: Optional[str] = None,
               idempotency_key: Optional[str] = None) -> Job:
        """A job in ``created``: validated and estimated, nothing held (dispatch it later)."""
        return self._spend("processing.create", self._draft(process_id, inputs, workspaceId, project_id, title),
                           idempotency_key)

    @operation("processing.create_and_dispatch")
    def create_and_dispatch(self, process_id: str, inputs: Optional[Mapping[str, Any]] = None,
                            workspaceId: Optional[str] = None, project_id: Optional[str] = None,
                            title: Optional[str] = None, idempotency_key: Optional[str] = None) -> Job:
        """Create, then reserve and dispatch. On ``InsufficientCredits`` the job stays created (``e.job_id``)."""
        return self._spend("processing.create_and_dispatch",
                           self._draft(process_id, inputs, workspaceId, project_id, title), idempotency_key)

    @operation("processing.dispatch")
    def dispatch(self, job_id: str, version: Optional[str] = None, idempotency_key: Optional[str] = None) -> Job:
        """Reserve the credits of a created job and queue it for its workers."""
        return self._spend("processing.dispatch", _body(job_id=job_id, version=version), idempotency_key)

    @operation("processing.execute")
    def execute(self, process_id: str, inputs: Optional[Mapping[str, Any]] = None, workspaceId: Optional[str] = None,
                project_id: Optional[str] = None, title: Optional[str] = None,
                idempotency_key: Optional[str] = None) -> Job:
        """Validate, estimate, reserve and queue in one step. On ``InsufficientCredits`` nothing is stored."""
        return self._spend("processing.execute", self._draft(process_id, inputs, workspaceId, project_id, title),
                           idempotency_key)

    def _draft(self, process_id: str, inputs: Optional[Mapping[str, Any]], workspace_id: Optional[str],
               project_id: Optional[str], title: Optional[str]) -> Dict[str, Any]:
        return _body(process_id=process_id, workspaceId=workspace_id or self._default_workspace_id, inputs=inputs,
                     project_id=project_id, title=title)


def _download(transport: Transport, job_id: str, output: str, path: Union[str, "os.PathLike[str]"]) -> Download:
    """``job.download`` and ``jobs.outputs.get``: GET the output with Range resume (see ``JobResource.download``)."""
    target = os.fspath(path)
    partial = target + ".part"
    url_path = OUTPUT_PATH.format(job_id=_quote(job_id), name=_quote(output))
    resumed_from = os.path.getsize(partial) if os.path.exists(partial) else 0
    transferred = 0
    media_type = None
    attempt = 0
    while True:
        have = os.path.getsize(partial) if os.path.exists(partial) else 0
        headers = {"Accept": "*/*"}
        if have:
            headers["Range"] = "bytes=%d-" % have
        try:
            connection, response = transport.open_get(url_path, headers)
        except errors.InvalidRequest as e:
            if e.status == 416 and have and e.problem.get("size_bytes") == have:
                size = have  # the .part is already whole
                break
            raise
        try:
            media_type = response.getheader("Content-Type")
            if response.status == 206:
                first, size = _content_range(response.getheader("Content-Range"))
                if first != have:
                    raise errors.DownloadError("asked for bytes from %d, the api sent from %d" % (have, first))
                mode = "ab"
            else:
                size = int(response.getheader("Content-Length") or -1)
                mode = "wb"
                if have:
                    resumed_from = 0  # the api sent the whole file again
            broken: Optional[BaseException] = None
            with open(partial, mode) as out:
                while True:
                    try:
                        chunk = response.read(_CHUNK_BYTES)
                    except (OSError, http.client.HTTPException) as e:
                        broken = e  # the connection, not our disk: resume from what arrived
                        break
                    if not chunk:
                        break
                    out.write(chunk)
                    transferred += len(chunk)
            if broken is not None:
                if attempt >= transport.retry.max_retries:
                    raise errors.APIConnectionError(
                        "download of %s/%s broke: %r" % (job_id, output, broken)) from broken
                attempt += 1
                transport.sleep(transport.retry.backoff(attempt))
                continue
        finally:
            connection.close()
        got = os.path.getsize(partial)
        if size >= 0 and got != size:
            if got < size and attempt < transport.retry.max_retries:
                attempt += 1  # the stream ended early: resume from what arrived
                transport.sleep(transport.retry.backoff(attempt))
                continue
            raise errors.DownloadError("%s has %d bytes, the api announced %d" % (partial, got, size))
        size = got
        break
    os.replace(partial, target)
    return Download.from_json({"path": target, "size_bytes": size, "resumed_from": resumed_from,
                               "bytes_transferred": transferred, "media_type": media_type})


def _quote(segment: str) -> str:
    return urllib.parse.quote(segment, safe="")


def _content_range(value: Optional[str]) -> Tuple[int, int]:
    """(first byte, total size) of ``bytes a-b/size``."""
    try:
        unit, spec = (value or "").split(" ", 1)
        span, total = spec.split("/", 1)
        first = span.split("-", 1)[0]
        if unit != "bytes":
            raise ValueError(value)
        return int(first), int(total)
    except ValueError as e:
        raise errors.DownloadError("unreadable Content-Range %r" % value) from e
