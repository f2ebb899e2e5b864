package com.geopera.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document is the contract the SDKs are generated from: the committed {@code sdk/openapi.json} is what the
 * api serves, it lists every route of the resources and nothing else, each request schema has the fields its record
 * binds, and the processing operations are exactly the reference's, with its scopes and Idempotency-Key headers.
 * Regenerate the committed document with {@code -Dgeopera.openapi.write=true} (see docs/API.md "The contract").
 */
@QuarkusTest
@QuarkusTestResource(RealServers.class)
class OpenApiContractTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD");

    private static JsonNode served() throws IOException {
        return JSON.readTree(given().get("/q/openapi?format=json").asString());
    }

    @Test
    void the_committed_sdk_openapi_json_is_what_the_api_serves() throws IOException {
        JsonNode served = sorted(served());
        Path committed = repositoryRoot().resolve("sdk/openapi.json");
        if (Boolean.getBoolean("geopera.openapi.write")) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, JSON.writeValueAsString(served) + "\n", StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(committed)).as(committed + " exists").isTrue();
        JsonNode stored = JSON.readTree(Files.readString(committed, StandardCharsets.UTF_8));
        assertThat(stored).as("sdk/openapi.json differs from /q/openapi: regenerate it with "
                + "-Dgeopera.openapi.write=true").isEqualTo(served);
        assertThat(Files.readString(committed, StandardCharsets.UTF_8))
                .as("stored with sorted keys, pretty-printed").isEqualTo(JSON.writeValueAsString(served) + "\n");
    }

    @Test
    void every_route_of_the_resources_is_in_the_document_in_both_url_forms_and_nothing_else_is()
            throws IOException, URISyntaxException {
        Set<String> routes = new TreeSet<>();
        Map<String, Method> methods = new TreeMap<>();
        for (Class<?> resource : resourceClasses()) {
            String base = resource.getAnnotation(jakarta.ws.rs.Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb == null || verb.equals("OPTIONS")) {
                    continue; // CORS preflights answer for the tile routes; they are not operations
                }
                org.eclipse.microprofile.openapi.annotations.Operation described =
                        method.getAnnotation(org.eclipse.microprofile.openapi.annotations.Operation.class);
                if (described != null && described.hidden()) {
                    continue; // internal targets, e.g. the NDJSON listings NdjsonListings routes to (shown on the list)
                }
                jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                // A template's regular expression ({y: [^/.]+}) is not part of the documented path.
                String path = (sub == null ? base : base + "/" + sub.value()).replaceAll("\\{(\\w+):[^}]*}", "{$1}");
                routes.add(verb + " " + path);
                methods.put(verb + " " + path, method);
                if (verb.equals("POST") && path.startsWith("/v1/") && !path.contains("{")) {
                    routes.add("POST /v1/op/" + dotted(path));
                }
            }
        }
        JsonNode document = served();
        Set<String> documented = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(verb -> {
            if (HTTP_METHODS.contains(verb.toUpperCase())) {
                documented.add(verb.toUpperCase() + " " + path.getKey());
            }
        }));
        assertThat(routes).as("routes of the resources").isNotEmpty();
        assertThat(documented).isEqualTo(routes);

        for (Map.Entry<String, Method> route : methods.entrySet()) {
            String[] parts = route.getKey().split(" ", 2);
            JsonNode operation = document.path("paths").path(parts[1]).path(parts[0].toLowerCase());
            if (parts[0].equals("POST") && !parts[1].contains("{")) {
                assertThat(operation.path("operationId").asText()).isEqualTo(dotted(parts[1]));
                JsonNode alias = document.path("paths").path("/v1/op/" + dotted(parts[1])).path("post");
                assertThat(alias.path("operationId").asText()).isEqualTo("op." + dotted(parts[1]));
                assertThat(alias.path("security")).isEqualTo(operation.path("security"));
            }
            assertThat(operation.path("responses").fieldNames()).toIterable().as(route.getKey())
                    .anyMatch(status -> status.startsWith("2"));
            Class<?> input = requestRecord(route.getValue());
            if (input != null) {
                JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
                Set<String> fields = new TreeSet<>();
                schema.path("properties").fieldNames().forEachRemaining(fields::add);
                assertThat(fields).as(route.getKey() + " fields").isEqualTo(jsonNames(input));
                assertThat(document.path("components").path("schemas").path(schema.path("title").asText())
                        .path("properties")).as(route.getKey() + " names its component").isEqualTo(schema.path("properties"));
            }
        }
    }

    @Test
    void the_processing_operations_are_the_references_with_its_scopes_and_idempotency_keys() throws IOException {
        List<String[]> reference = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/reference-operations.tsv"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                reference.add(line.split("\t"));
            }
        }
        JsonNode paths = served().path("paths");
        Set<String> documented = new TreeSet<>();
        paths.fields().forEachRemaining(path -> {
            JsonNode post = path.getValue().path("post");
            if (post.has("operationId") && post.path("operationId").asText().startsWith("processing.")) {
                documented.add(post.path("operationId").asText());
            }
        });
        assertThat(documented).containsExactlyInAnyOrderElementsOf(reference.stream().map(r -> r[0]).toList());
        for (String[] operation : reference) {
            for (String path : List.of("/v1/" + operation[0].replace('.', '/'), "/v1/op/" + operation[0])) {
                JsonNode post = paths.path(path).path("post");
                List<String> scopes = new ArrayList<>();
                post.path("security").forEach(requirement -> requirement.path("bearer").forEach(s -> scopes.add(s.asText())));
                assertThat(scopes).as(path + " scopes").contains(operation[1]);
                List<String> headers = new ArrayList<>();
                post.path("parameters").forEach(p -> {
                    if (p.path("in").asText().equals("header")) {
                        headers.add(p.path("name").asText());
                    }
                });
                if (operation[2].equals("spend")) {
                    assertThat(headers).as(path + " is a spend operation").contains("Idempotency-Key");
                } else {
                    assertThat(headers).as(path).doesNotContain("Idempotency-Key");
                }
            }
        }
    }

    private static String dotted(String path) {
        return path.substring("/v1/".length()).replace('/', '.');
    }

    private static String httpMethod(Method method) {
        for (var annotation : method.getAnnotations()) {
            jakarta.ws.rs.HttpMethod verb = annotation.annotationType().getAnnotation(jakarta.ws.rs.HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    /** The record named by the method's request body annotation, if any. */
    private static Class<?> requestRecord(Method method) {
        for (var parameter : method.getParameters()) {
            var body = parameter.getAnnotation(org.eclipse.microprofile.openapi.annotations.parameters.RequestBody.class);
            if (body != null && body.content().length > 0) {
                return body.content()[0].schema().implementation();
            }
        }
        return null;
    }

    private static Set<String> jsonNames(Class<?> record) {
        Set<String> names = new TreeSet<>();
        for (RecordComponent component : record.getRecordComponents()) {
            try {
                var property = record.getDeclaredField(component.getName())
                        .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
                names.add(property != null && !property.value().isEmpty() ? property.value() : component.getName());
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
        }
        return names;
    }

    /** Every class of the api's main code with a JAX-RS {@code @Path}, found on its class path. */
    private static List<Class<?>> resourceClasses() throws IOException, URISyntaxException {
        Path classes = Path.of(com.geopera.api.rest.OperationPathFilter.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Iterator<Path> it = files.filter(f -> f.toString().endsWith(".class")).iterator(); it.hasNext(); ) {
                String name = classes.relativize(it.next()).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, OpenApiContractTest.class.getClassLoader());
                    if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                        found.add(type);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // Not loadable on its own (e.g. generated); no resource is.
                }
            }
        }
        return found;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    /** The same JSON with every object's members in name order. */
    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JSON.createObjectNode();
            new TreeMap<String, JsonNode>(Map.ofEntries(iterate(node))).forEach((k, v) -> sorted.set(k, sorted(v)));
            return sorted;
        }
        if (node.isArray()) {
            var array = JSON.createArrayNode();
            node.forEach(element -> array.add(sorted(element)));
            return array;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map.Entry<String, JsonNode>[] iterate(JsonNode node) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        node.fields().forEachRemaining(entries::add);
        return entries.toArray(new Map.Entry[0]);
    }
}
