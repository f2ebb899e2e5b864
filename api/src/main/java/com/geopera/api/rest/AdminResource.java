package com.geopera.api.rest;

import com.geopera.api.contract.ApiKeyCreateInput;
import com.geopera.api.contract.ApiKeyCreated;
import com.geopera.api.contract.ApiKeyRevokeInput;
import com.geopera.api.contract.ApiKeyRevoked;
import com.geopera.api.contract.CreditsBalance;
import com.geopera.api.contract.CreditsBalanceInput;
import com.geopera.api.contract.CreditsGrant;
import com.geopera.api.contract.CreditsGrantInput;
import com.geopera.api.contract.EmptyInput;
import com.geopera.api.contract.LedgerAuditReport;
import com.geopera.api.contract.OrgCreateInput;
import com.geopera.api.contract.OrgView;
import com.geopera.api.contract.ProjectCreateInput;
import com.geopera.api.contract.ProjectMemberAddInput;
import com.geopera.api.contract.ProjectMemberView;
import com.geopera.api.contract.ProjectView;
import com.geopera.api.contract.WorkspaceCreateInput;
import com.geopera.api.contract.WorkspaceView;
import com.geopera.api.mapping.Answers;
import com.geopera.api.mapping.BodyReader;
import com.geopera.api.service.AdminService;
import com.geopera.common.auth.Scope;
import com.geopera.common.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The admin operations (scope {@code admin}): orgs, workspaces, projects, members, API keys, credits, the ledger. */
@Path("/v1/admin")
public class AdminResource {
    @Inject
    AdminService admin;
    @Inject
    BodyReader bodies;

    @POST
    @Path("orgs/create")
    @RequiresScope(Scope.ADMIN)
    @Operation(summary = "Create an organisation")
    @APIResponse(responseCode = "201", description = "The organisation", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrgView.class)))
    public Response createOrg(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OrgCreateInput.class))) byte[] body) {
        OrgCreateInput input = bodies.require(body, OrgCreateInput.class);
        return Http.json(201, Answers.typed(admin.createOrg(input.name()), OrgView.class));
    }

    @POST
    @Path("workspaces/create")
    @RequiresScope(Scope.ADMIN)
    @Refuses(ErrorCode.NOT_FOUND)
    @Operation(summary = "Create a workspace of an organisation")
    @APIResponse(responseCode = "201", description = "The workspace", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WorkspaceView.class)))
    public Response createWorkspace(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WorkspaceCreateInput.class))) byte[] body) {
        WorkspaceCreateInput input = bodies.require(body, WorkspaceCreateInput.class);
        return Http.json(201, Answers.typed(admin.createWorkspace(input.orgId(), input.name()), WorkspaceView.class));
    }

    @POST
    @Path("projects/create")
    @RequiresScope(Scope.ADMIN)
    @Refuses(ErrorCode.NOT_FOUND)
    @Operation(summary = "Create a project of an organisation")
    @APIResponse(responseCode = "201", description = "The project", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProjectView.class)))
    public Response createProject(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProjectCreateInput.class))) byte[] body) {
        ProjectCreateInput input = bodies.require(body, ProjectCreateInput.class);
        return Http.json(201, Answers.typed(admin.createProject(input.orgId(), input.workspaceId(), input.name()),
                ProjectView.class));
    }

    @POST
    @Path("projects/members/add")
    @RequiresScope(Scope.ADMIN)
    @Refuses(ErrorCode.NOT_FOUND)
    @Operation(summary = "Add a principal (or a key's principal) to a project")
    @APIResponse(responseCode = "200", description = "The membership", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProjectMemberView.class)))
    public Response addMember(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProjectMemberAddInput.class))) byte[] body) {
        ProjectMemberAddInput input = bodies.require(body, ProjectMemberAddInput.class);
        return Http.ok(Answers.typed(admin.addMember(input.projectId(), input.keyId(), input.principalId()),
                ProjectMemberView.class));
    }

    @POST
    @Path("api_keys/create")
    @RequiresScope(Scope.ADMIN)
    @Refuses(ErrorCode.NOT_FOUND)
    @Operation(summary = "Create an API key", description = "Admin keys: scopes [\"admin\"] and no org_id; platform "
            + "worker keys: scopes [\"platform:worker\"] alone and no org_id")
    @APIResponse(responseCode = "201", description = "The key; its secret is shown only here", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiKeyCreated.class)))
    public Response createApiKey(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiKeyCreateInput.class))) byte[] body) {
        ApiKeyCreateInput input = bodies.require(body, ApiKeyCreateInput.class);
        return Http.json(201, Answers.typed(admin.createApiKey(input.orgId(), input.name(), input.scopes(),
                input.principalId()), ApiKeyCreated.class));
    }

    @POST
    @Path("api_keys/revoke")
    @RequiresScope(Scope.ADMIN)
    @Refuses(ErrorCode.NOT_FOUND)
    @Operation(summary = "Revoke an API key and its sessions")
    @APIResponse(responseCode = "200", description = "The revoked key", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiKeyRevoked.class)))
    public Response revokeApiKey(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiKeyRevokeInput.class))) byte[] body) {
        ApiKeyRevokeInput input = bodies.require(body, ApiKeyRevokeInput.class);
        return Http.ok(Answers.typed(admin.revokeApiKey(input.keyId()), ApiKeyRevoked.class));
    }

    @POST
    @Path("credits/grant")
    @RequiresScope(Scope.ADMIN)
    @Refuses(ErrorCode.NOT_FOUND)
    @Operation(summary = "Grant credits to an organisation (once per reference)")
    @APIResponse(responseCode = "200", description = "The balance after the grant", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreditsGrant.class)))
    public Response grant(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CreditsGrantInput.class))) byte[] body) {
        CreditsGrantInput input = bodies.require(body, CreditsGrantInput.class);
        return Http.ok(Answers.typed(admin.grant(input.orgId(), input.credits(), input.reference()),
                CreditsGrant.class));
    }

    @POST
    @Path("credits/balance")
    @RequiresScope(Scope.ADMIN)
    @Refuses(ErrorCode.NOT_FOUND)
    @Operation(summary = "Read an organisation's balance and the invariants of its open holds")
    @APIResponse(responseCode = "200", description = "The balance", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreditsBalance.class)))
    public Response balance(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CreditsBalanceInput.class))) byte[] body) {
        CreditsBalanceInput input = bodies.require(body, CreditsBalanceInput.class);
        return Http.ok(Answers.typed(admin.balance(input.orgId()), CreditsBalance.class));
    }

    @POST
    @Path("ledger/audit")
    @RequiresScope(Scope.ADMIN)
    @Operation(summary = "Audit the whole ledger", description = "Recomputes every balance from the journal and checks "
            + "every hold against its entries and its job. Its cost grows with the journal; balances check only "
            + "their org's open holds. The last result is also the metric geopera_ledger_invariant_violations")
    @APIResponse(responseCode = "200", description = "What disagrees, if anything", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LedgerAuditReport.class)))
    public Response audit(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EmptyInput.class))) byte[] body) {
        bodies.require(body, EmptyInput.class);
        return Http.ok(Answers.typed(admin.audit(), LedgerAuditReport.class));
    }
}
