"""The running stack the tests talk to, from the environment ExternalSuite (or .geopera/local.env) gives:
GEOPERA_URL, GEOPERA_API_KEY, GEOPERA_ADMIN_KEY, GEOPERA_ORG_ID, GEOPERA_WORKSPACE_ID, GEOPERA_PROJECT_ID,
GEOPERA_STORAGE_ROOT (outputs of the api and workers) and GEOPERA_INPUT_ROOT (where ``file:elev.tif`` is)."""

import functools
import os
import shutil
import uuid
from pathlib import Path
from typing import Any, Dict, NamedTuple, Optional

from geopera import Client, Job

REPO = Path(__file__).resolve().parents[3]

# A pentagon around Luxembourg City, inside elev.tif (5.74–6.53 E, 49.44–50.19 N), as deploy/local/demo clips.
AOI = {"type": "Polygon", "coordinates": [[[6.02, 49.55], [6.22, 49.55], [6.28, 49.66], [6.12, 49.74],
                                           [5.98, 49.66], [6.02, 49.55]]]}
CLIP_INPUTS: Dict[str, Any] = {"image": "file:elev.tif", "aoi": AOI}
ORG_SCOPES = ["processing:read", "processing:process", "clip:read", "clip:destroy"]


def env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise RuntimeError("%s is not set: run the suite through PythonSdkIT, or against deploy/local/up with "
                           "`set -a; . .geopera/local.env; set +a`" % name)
    return value


def url() -> str:
    return env("GEOPERA_URL")


def client(**options: Any) -> Client:
    """A client of the stack's test org (its key, its workspace)."""
    return Client(api_key=env("GEOPERA_API_KEY"), base_url=url(), workspace_id=env("GEOPERA_WORKSPACE_ID"),
                  **options)


def admin() -> Client:
    return Client(api_key=env("GEOPERA_ADMIN_KEY"), base_url=url())


def storage_root() -> Path:
    return Path(os.environ.get("GEOPERA_STORAGE_ROOT") or REPO / ".geopera" / "storage")


def input_root() -> Path:
    return Path(os.environ.get("GEOPERA_INPUT_ROOT") or REPO / ".geopera" / "inputs")


class Tenant(NamedTuple):
    """An organisation of its own (a balance no other test touches), with a workspace, project and key."""

    org_id: str
    workspace_id: str
    project_id: str
    key_id: str
    client: Client


def new_tenant(credits: int) -> Tenant:
    """A fresh org with ``credits`` credits, made through the SDK's admin operations."""
    admin_client = admin()
    suffix = uuid.uuid4().hex[:8]
    org = admin_client.admin.orgs.create(name="python sdk " + suffix)
    workspace = admin_client.admin.workspaces.create(org_id=org.org_id, name="ws " + suffix)
    project = admin_client.admin.projects.create(org_id=org.org_id, name="project " + suffix,
                                                 workspace_id=workspace.workspace_id)
    if credits > 0:
        admin_client.admin.credits.grant(org_id=org.org_id, credits=credits, reference="grant-" + suffix)
    key = admin_client.admin.api_keys.create(name="key " + suffix, scopes=ORG_SCOPES, org_id=org.org_id)
    admin_client.admin.projects.members.add(project_id=project.project_id, key_id=key.key_id)
    assert key.api_key
    return Tenant(org.org_id, workspace.workspace_id, project.project_id, key.key_id,
                  Client(api_key=key.api_key, base_url=url(), workspace_id=workspace.workspace_id))


def cancel(job_id: str, by: Optional[Client] = None) -> None:
    """Cancels a job a test queued but does not need run, so the stack's worker runs the jobs other tests wait for."""
    (by or client()).processing.job.delete(job_id)


@functools.lru_cache(maxsize=None)
def succeeded_clip() -> Job:
    """One clip of elev.tif run to the end by the stack's workers (shared by the tests that only read it)."""
    c = client()
    job = c.processing.execute(process_id="clip", inputs=CLIP_INPUTS, project_id=env("GEOPERA_PROJECT_ID"),
                               title="python sdk: shared clip")
    done = c.processing.job.wait(job.job_id, timeout=120)
    assert done.status == "succeeded", done.raw
    return done


def output_file(job: Job, name: str) -> Path:
    """The file of a job's output on the stack's disk: ``<storage>/<org>/<job>/<attempt>/…`` holding it."""
    job_dir = storage_root() / str(job.org_id) / job.job_id / str(job.attempt)
    files = sorted(p for p in job_dir.rglob("*") if p.is_file())
    size = job.output(name).size_bytes
    matching = [p for p in files if p.stat().st_size == size]
    if len(matching) != 1:
        raise AssertionError("cannot tell the file of output %s among %s" % (name, files))
    return matching[0]


def place_in_attempt_dir(org_id: str, job_id: str, attempt: int, source: Path, name: str) -> Path:
    """Copies ``source`` into the job's attempt directory (what a customer running the work itself does)."""
    target_dir = storage_root() / org_id / job_id / str(attempt)
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / name
    shutil.copyfile(source, target)
    return target
