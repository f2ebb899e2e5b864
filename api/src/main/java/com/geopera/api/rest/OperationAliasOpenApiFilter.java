package com.geopera.api.rest;

import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Describes both URL forms in /q/openapi: every {@code POST /v1/a/b/c} operation gets the operation id
 * {@code a.b.c} and a copy at {@code POST /v1/op/a.b.c} (the form {@link OperationPathFilter} rewrites).
 */
public class OperationAliasOpenApiFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Paths paths = openAPI.getPaths();
        if (paths == null || paths.getPathItems() == null) {
            return;
        }
        Map<String, PathItem> items = new TreeMap<>(paths.getPathItems());
        for (Map.Entry<String, PathItem> entry : items.entrySet()) {
            String path = entry.getKey();
            Operation post = entry.getValue().getPOST();
            if (post == null || !path.startsWith("/v1/") || path.startsWith(OperationPathFilter.OP_PREFIX)
                    || path.contains("{")) {
                continue;
            }
            String operationId = path.substring("/v1/".length()).replace('/', '.');
            post.setOperationId(operationId);
            Schema body = OperationSchemas.requestOf(operationId).orElseGet(() -> OASFactory.createSchema()
                    .addType(Schema.SchemaType.OBJECT).description("The operation's fields (see docs/API.md)"));
            post.setRequestBody(OASFactory.createRequestBody().required(false).content(OASFactory.createContent()
                    .addMediaType("application/json", OASFactory.createMediaType().schema(body))));
            Operation alias = OASFactory.createOperation()
                    .operationId("op." + operationId)
                    .summary(post.getSummary())
                    .description((post.getDescription() == null ? "" : post.getDescription() + " ")
                            + "Same operation as POST " + path + ".")
                    .tags(post.getTags())
                    .parameters(post.getParameters())
                    .requestBody(post.getRequestBody())
                    .responses(post.getResponses())
                    .security(post.getSecurity());
            paths.addPathItem(OperationPathFilter.OP_PREFIX + operationId, OASFactory.createPathItem().POST(alias));
        }
    }
}
