"""Geopera processing SDK: ``from geopera import Client``.

Standard library only. See sdk/python/README.md for the quickstart and the error model.
"""

from ._version import __version__
from .client import Client
from .errors import (APIConnectionError, APIError, AuthenticationError, Conflict, DownloadError, FieldProblem,
                     GeoperaError, InsufficientCredits, InvalidRequest, NotFound, PermissionDenied, RateLimited,
                     ServerError, ValidationError, WaitTimeout)
from .models import (ApiKey, Balance, Billing, CreditGrant, Download, Estimate, Image, Job, JobError, JobOutput,
                     JobPage, JobType, JobTypeList, LedgerAudit, Org, ProcessDescription, ProcessList, ProcessSummary, Project,
                     ProjectJobPage, ProjectMember, RevokedKey, RevokedSession, Session, TileJSON, Workspace)

__all__ = [
    "__version__", "Client",
    "GeoperaError", "APIError", "APIConnectionError", "AuthenticationError", "Conflict", "DownloadError",
    "FieldProblem", "InsufficientCredits", "InvalidRequest", "NotFound", "PermissionDenied", "RateLimited",
    "ServerError", "ValidationError", "WaitTimeout",
    "ApiKey", "Balance", "Billing", "CreditGrant", "Download", "Estimate", "Image", "Job", "JobError", "JobOutput",
    "JobPage", "JobType", "JobTypeList", "LedgerAudit", "Org", "ProcessDescription", "ProcessList", "ProcessSummary", "Project",
    "ProjectJobPage", "ProjectMember", "RevokedKey", "RevokedSession", "Session", "TileJSON", "Workspace",
]
