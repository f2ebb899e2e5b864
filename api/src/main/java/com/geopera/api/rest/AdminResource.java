package com.geopera.api.rest;

import com.geopera.api.config.ApiConfig;
import com.geopera.api.mapping.RequestBody;
import com.geopera.api.service.AdminService;
import com.geopera.common.auth.Scope;
import com.geopera.common.error.InputErrorCodes;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The admin operations (scope {@code admin}): orgs, workspaces, projects, members, API keys, credits. */
@Path("/v1/admin")
public class AdminResource {
    @Inject
    AdminService admin;
    @Inject
    ApiConfig config;

    @POST
    @Path("orgs/create")
    @RequiresScope(Scope.ADMIN)
    public Response createOrg(byte[] body) {
        RequestBody r = parse(body);
        String name = r.requiredString("name");
        r.throwIfInvalid();
        return Http.json(201, admin.createOrg(name));
    }

    @POST
    @Path("workspaces/create")
    @RequiresScope(Scope.ADMIN)
    public Response createWorkspace(byte[] body) {
        RequestBody r = parse(body);
        String orgId = r.requiredString("org_id");
        String name = r.requiredString("name");
        r.throwIfInvalid();
        return Http.json(201, admin.createWorkspace(orgId, name));
    }

    @POST
    @Path("projects/create")
    @RequiresScope(Scope.ADMIN)
    public Response createProject(byte[] body) {
        RequestBody r = parse(body);
        String orgId = r.requiredString("org_id");
        String name = r.requiredString("name");
        String workspaceId = r.optionalString("workspace_id", "workspaceId");
        r.throwIfInvalid();
        return Http.json(201, admin.createProject(orgId, workspaceId, name));
    }

    @POST
    @Path("projects/members/add")
    @RequiresScope(Scope.ADMIN)
    public Response addMember(byte[] body) {
        RequestBody r = parse(body);
        String projectId = r.requiredString("project_id");
        String keyId = r.optionalString("key_id");
        String principalId = r.optionalString("principal_id");
        if (keyId == null && principalId == null) {
            r.problem(InputErrorCodes.REQUIRED, "key_id", "key_id or principal_id is required");
        }
        r.throwIfInvalid();
        return Http.ok(admin.addMember(projectId, keyId, principalId));
    }

    @POST
    @Path("api_keys/create")
    @RequiresScope(Scope.ADMIN)
    public Response createApiKey(byte[] body) {
        RequestBody r = parse(body);
        String orgId = r.optionalString("org_id");
        String name = r.requiredString("name");
        List<String> scopes = r.optionalStringList("scopes");
        String principalId = r.optionalString("principal_id");
        if (!r.root().hasNonNull("scopes")) {
            r.problem(InputErrorCodes.REQUIRED, "scopes", "scopes is required");
        }
        r.throwIfInvalid();
        return Http.json(201, admin.createApiKey(orgId, name, scopes, principalId));
    }

    @POST
    @Path("api_keys/revoke")
    @RequiresScope(Scope.ADMIN)
    public Response revokeApiKey(byte[] body) {
        RequestBody r = parse(body);
        String keyId = r.requiredString("key_id");
        r.throwIfInvalid();
        return Http.ok(admin.revokeApiKey(keyId));
    }

    @POST
    @Path("credits/grant")
    @RequiresScope(Scope.ADMIN)
    public Response grant(byte[] body) {
        RequestBody r = parse(body);
        String orgId = r.requiredString("org_id");
        Long credits = r.requiredLong("credits", 1);
        String reference = r.optionalString("reference");
        r.throwIfInvalid();
        return Http.ok(admin.grant(orgId, credits, reference));
    }

    @POST
    @Path("credits/balance")
    @RequiresScope(Scope.ADMIN)
    public Response balance(byte[] body) {
        RequestBody r = parse(body);
        String orgId = r.requiredString("org_id");
        r.throwIfInvalid();
        return Http.ok(admin.balance(orgId));
    }

    private RequestBody parse(byte[] body) {
        return RequestBody.parse(body, config.jobs().maxBodyBytes());
    }
}
