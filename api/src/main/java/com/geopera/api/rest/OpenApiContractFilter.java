package com.geopera.api.rest;

import com.geopera.common.auth.Scope;
import com.geopera.common.error.ErrorCode;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the document SmallRye generates from the resources and the contract records with what the code knows
 * elsewhere, so that nothing is described twice:
 * <ul>
 * <li>operation ids: {@code POST /v1/a/b/c} is {@code a.b.c} and is copied to {@code POST /v1/op/a.b.c} as
 * {@code op.a.b.c} (the form {@link OperationPathFilter} rewrites); a GET is named by its path's fixed segments (without their file extensions);</li>
 * <li>the bearer security scheme and each operation's scopes, from its {@link RequiresScope};</li>
 * <li>problem responses: the refusals every operation can answer, and those of its {@link Refuses}; the
 * {@code Problem} schema's {@code code} enumeration from {@link ErrorCode};</li>
 * <li>spend operations (those taking an {@code Idempotency-Key}): the {@code Idempotency-Replayed} answer header;</li>
 * <li>request bodies: the named {@code …Input} component, written out in the operation as well.</li>
 * </ul>
 * It finds each operation's resource method through the operation ids SmallRye makes with
 * {@code quarkus.smallrye-openapi.operation-id-strategy=PACKAGE_CLASS_METHOD} ({@code com.….JobResource_get}).
 */
public class OpenApiContractFilter implements OASFilter {
    /** The name of the security scheme in the document. */
    public static final String BEARER = "bearer";
    private static final String V1 = "/v1/";
    private static final String SCHEMAS = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents()
                : openAPI.getComponents();
        openAPI.setComponents(components);
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").description("An API key (gpra_…) or a session token (gprs_…): "
                        + "Authorization: Bearer <token>. Each operation lists the scopes it needs."));
        Schema problem = components.getSchemas() == null ? null : components.getSchemas().get("Problem");
        if (problem != null && problem.getProperties() != null && problem.getProperties().get("code") != null) {
            problem.getProperties().get("code").setEnumeration(Arrays.stream(ErrorCode.values())
                    .map(code -> (Object) code.code()).toList());
        }
        Paths paths = openAPI.getPaths();
        if (paths == null || paths.getPathItems() == null) {
            return;
        }
        Map<String, PathItem> items = new TreeMap<>(paths.getPathItems());
        for (Map.Entry<String, PathItem> entry : items.entrySet()) {
            String path = entry.getKey();
            if (!path.startsWith(V1) || path.startsWith(OperationPathFilter.OP_PREFIX)) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> each : entry.getValue().getOperations().entrySet()) {
                describe(path, each.getKey(), each.getValue(), components);
            }
            Operation post = entry.getValue().getPOST();
            if (post != null && !path.contains("{")) {
                paths.addPathItem(OperationPathFilter.OP_PREFIX + post.getOperationId(),
                        OASFactory.createPathItem().POST(alias(path, post)));
            }
        }
    }

    private static void describe(String path, PathItem.HttpMethod httpMethod, Operation operation,
            Components components) {
        Optional<Method> method = resourceMethod(operation.getOperationId());
        operation.setOperationId(httpMethod == PathItem.HttpMethod.POST && !path.contains("{") ? dotted(path)
                : Arrays.stream(path.substring(V1.length()).split("/")).map(OpenApiContractFilter::fixedName)
                        .filter(s -> !s.isEmpty()).collect(Collectors.joining(".")) + "."
                        + httpMethod.name().toLowerCase());
        RequiresScope scopes = method.map(m -> m.getAnnotation(RequiresScope.class)).orElse(null);
        if (scopes != null) {
            operation.setSecurity(security(scopes));
        }
        List<ErrorCode> refusals = new ArrayList<>(List.of(ErrorCode.MALFORMED_REQUEST, ErrorCode.VALIDATION_FAILED,
                ErrorCode.RATE_LIMITED, ErrorCode.INTERNAL_ERROR, ErrorCode.SERVICE_UNAVAILABLE));
        if (httpMethod == PathItem.HttpMethod.POST) {
            refusals.add(ErrorCode.PAYLOAD_TOO_LARGE);
        }
        if (scopes != null) {
            refusals.add(ErrorCode.UNAUTHENTICATED);
            if (!scopes.optional()) {
                refusals.add(ErrorCode.INSUFFICIENT_SCOPE);
            }
        }
        method.map(m -> m.getAnnotation(Refuses.class)).ifPresent(r -> refusals.addAll(List.of(r.value())));
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses()
                : operation.getResponses();
        operation.setResponses(responses);
        refusals.stream().collect(Collectors.groupingBy(ErrorCode::httpStatus, TreeMap::new, Collectors.toList()))
                .forEach((status, codes) -> responses.addAPIResponse(Integer.toString(status), problemResponse(codes)));
        if (takesIdempotencyKey(operation)) {
            responses.getAPIResponses().forEach((status, response) -> {
                if (status.startsWith("2")) {
                    response.addHeader(Http.REPLAYED, OASFactory.createHeader().description("true when this is the "
                            + "stored answer of an earlier request with the same Idempotency-Key")
                            .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
                }
            });
        }
        inlineRequestSchema(operation, components);
    }

    /** The resource method behind an operation id of the form {@code com.….JobResource_get}, when it is one. */
    /** A path segment's fixed name: {@code preview.{format}} → preview, {@code tilejson.json} → tilejson. */
    private static String fixedName(String segment) {
        int dot = segment.indexOf('.');
        String name = dot < 0 ? segment : segment.substring(0, dot);
        return name.contains("{") ? "" : name;
    }

    private static Optional<Method> resourceMethod(String operationId) {
        int split = operationId == null ? -1 : operationId.lastIndexOf('_');
        if (split < 0) {
            return Optional.empty();
        }
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> resource = Class.forName(operationId.substring(0, split), false,
                    loader != null ? loader : OpenApiContractFilter.class.getClassLoader());
            String name = operationId.substring(split + 1);
            return Arrays.stream(resource.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst();
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** {@code /v1/processing/job/get} → {@code processing.job.get}. */
    static String dotted(String path) {
        return path.substring(V1.length()).replace('/', '.');
    }

    /**
     * Public operations take no token or a valid one; the others every scope they need, or (anyOf) one of them. The
     * scopes are role names of the bearer scheme (OpenAPI 3.1 allows them for non-OAuth schemes).
     */
    private static List<SecurityRequirement> security(RequiresScope required) {
        List<String> names = Arrays.stream(required.value()).map(Scope::value).toList();
        List<SecurityRequirement> security = new ArrayList<>();
        if (required.optional()) {
            security.add(OASFactory.createSecurityRequirement());
        }
        if (required.anyOf()) {
            names.forEach(name -> security.add(OASFactory.createSecurityRequirement().addScheme(BEARER, name)));
        } else {
            security.add(OASFactory.createSecurityRequirement().addScheme(BEARER, names));
        }
        return security;
    }

    private static APIResponse problemResponse(List<ErrorCode> codes) {
        String listed = codes.stream().map(ErrorCode::code).distinct().collect(Collectors.joining(", "));
        return OASFactory.createAPIResponse().description("Problem: " + listed).content(OASFactory.createContent()
                .addMediaType(ProblemResponses.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(SCHEMAS + "Problem"))));
    }

    private static boolean takesIdempotencyKey(Operation operation) {
        return operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() == Parameter.In.HEADER && Http.IDEMPOTENCY_KEY.equals(p.getName()));
    }

    /**
     * Writes the named request component out in the operation too (its title names the component), so a reader of
     * one operation sees its fields and which are required without following a reference.
     */
    private static void inlineRequestSchema(Operation operation, Components components) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return;
        }
        Content content = operation.getRequestBody().getContent();
        MediaType json = content.getMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON);
        if (json == null || json.getSchema() == null || json.getSchema().getRef() == null) {
            return;
        }
        String name = json.getSchema().getRef().substring(SCHEMAS.length());
        Schema named = components.getSchemas().get(name);
        if (named == null) {
            return;
        }
        Schema inline = OASFactory.createSchema().title(name).type(named.getType()).description(named.getDescription())
                .properties(named.getProperties()).required(named.getRequired());
        json.setSchema(inline);
        operation.getRequestBody().setRequired(false);
    }

    private static Operation alias(String path, Operation post) {
        return OASFactory.createOperation()
                .operationId("op." + post.getOperationId())
                .summary(post.getSummary())
                .description((post.getDescription() == null ? "" : post.getDescription() + " ")
                        + "Same operation as POST " + path + ".")
                .tags(post.getTags())
                .parameters(post.getParameters())
                .requestBody(post.getRequestBody())
                .responses(post.getResponses())
                .security(post.getSecurity());
    }
}
