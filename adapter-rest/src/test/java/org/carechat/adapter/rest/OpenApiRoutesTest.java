package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.rest.RestHarness.json;

import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The hand-written OpenAPI document and the routes Jersey serves describe the same API, both ways. */
class OpenApiRoutesTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static RestHarness api;
    private static JsonNode document;

    @BeforeAll
    static void start() {
        api = RestHarness.start();
        HttpResponse<String> response = api.get("/api/openapi.json", null);
        RestHarness.expect(response, 200);
        document = json(response);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** Every route (METHOD path) of the resource model Jersey builds from the registered resource instances. */
    static Set<String> servedRoutes(ResourceConfig config) {
        Set<String> routes = new TreeSet<>();
        for (Object instance : config.getInstances()) {
            if (Resource.isAcceptable(instance.getClass()) && instance.getClass().isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                collect(Resource.from(instance.getClass()), "", routes);
            }
        }
        return routes;
    }

    private static void collect(Resource resource, String parent, Set<String> routes) {
        String path = join(parent, resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            routes.add(method.getHttpMethod().toUpperCase(Locale.ROOT) + " " + path);
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, path, routes);
        }
    }

    private static String join(String parent, String path) {
        String joined = (parent + "/" + (path == null ? "" : path)).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    static Set<String> documentedRoutes(JsonNode document) {
        Set<String> routes = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (String method : path.getValue().propertyNames()) {
                if (HTTP_METHODS.contains(method)) {
                    routes.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return routes;
    }

    private static Set<String> served() {
        return servedRoutes(new RestApi(api.core, token -> null, new org.carechat.wire.WireJson(org.carechat.wire.WireLimits.standard()),
                RestSettings.standard(), api.metrics, () -> true, api.time).resourceConfig());
    }

    @Test
    void every_served_route_is_documented_and_every_documented_route_is_served() {
        Set<String> served = served();
        Set<String> documented = documentedRoutes(document);

        assertThat(served).as("served routes").hasSizeGreaterThanOrEqualTo(27);
        assertThat(documented).as("documented but not served").isSubsetOf(served);
        assertThat(served).as("served but not documented").isSubsetOf(documented);
    }

    @Test
    void the_walk_sees_the_routes_it_should_so_that_the_comparison_cannot_pass_on_nothing() {
        assertThat(served()).contains("GET /api/chat/conversations/{id}/messages", "DELETE /api/chat/messages/{id}/reactions/{emoji}",
                "POST /api/chat/attachments", "PUT /api/admin/users/{id}", "GET /health", "GET /metrics", "GET /api/openapi.json");
        assertThat(served()).noneMatch(route -> route.contains("/ws"));
    }

    @Test
    void the_document_is_openapi_3_1_with_a_bearer_scheme_and_the_resource_schemas() {
        assertThat(document.get("openapi").stringValue()).isEqualTo("3.1.0");
        JsonNode components = document.get("components");
        assertThat(components.get("securitySchemes").get("bearer").get("scheme").stringValue()).isEqualTo("bearer");
        assertThat(document.get("security").get(0).has("bearer")).isTrue();
        assertThat(components.get("schemas").propertyNames())
                .contains("Message", "Conversation", "Attachment", "UserSummary", "Problem", "HistoryPage", "ConversationPage");
        assertThat(components.get("schemas").get("Problem").get("required")).extracting(JsonNode::stringValue)
                .containsExactlyInAnyOrder("type", "title", "status", "detail", "code");
    }

    @Test
    void every_operation_documents_its_errors_as_problem_details_and_its_parameters() {
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String where = operation.getKey() + " " + path.getKey();
                JsonNode responses = operation.getValue().get("responses");
                assertThat(responses).as(where).isNotNull();
                for (Map.Entry<String, JsonNode> response : responses.properties()) {
                    if (response.getKey().startsWith("4") || (response.getKey().startsWith("5") && !path.getKey().equals("/health"))) {
                        assertThat(response.getValue().get("$ref").stringValue()).as(where + " " + response.getKey())
                                .startsWith("#/components/responses/");
                    }
                }
                if (path.getKey().startsWith("/api/chat") || path.getKey().startsWith("/api/admin")) {
                    assertThat(responses.has("401")).as(where + " documents 401").isTrue();
                    assertThat(operation.getValue().has("security")).as(where + " uses the global bearer scheme").isFalse();
                }
                for (String template : templates(path.getKey())) {
                    assertThat(operation.getValue().get("parameters")).as(where + " documents {" + template + "}")
                            .anySatisfy(p -> {
                                assertThat(p.get("in").stringValue()).isEqualTo("path");
                                assertThat(p.get("name").stringValue()).isEqualTo(template);
                            });
                }
            }
        }
        for (Map.Entry<String, JsonNode> response : document.get("components").get("responses").properties()) {
            assertThat(response.getValue().get("content").has("application/problem+json")).as(response.getKey()).isTrue();
        }
    }

    /** The query parameters each route's method reads (its {@code @QueryParam}s), by route. */
    static Map<String, Set<String>> servedQueryParameters(ResourceConfig config) {
        Map<String, Set<String>> routes = new TreeMap<>();
        for (Object instance : config.getInstances()) {
            if (Resource.isAcceptable(instance.getClass()) && instance.getClass().isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                collectQueries(Resource.from(instance.getClass()), "", routes);
            }
        }
        return routes;
    }

    private static void collectQueries(Resource resource, String parent, Map<String, Set<String>> routes) {
        String path = join(parent, resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            routes.put(method.getHttpMethod().toUpperCase(Locale.ROOT) + " " + path,
                    KnownQueryParameters.queryParameters(method.getInvocable().getDefinitionMethod()));
        }
        for (Resource child : resource.getChildResources()) {
            collectQueries(child, path, routes);
        }
    }

    @Test
    void every_operation_documents_exactly_the_query_parameters_it_accepts() {
        Map<String, Set<String>> served = servedQueryParameters(new RestApi(api.core, token -> null,
                new org.carechat.wire.WireJson(org.carechat.wire.WireLimits.standard()), RestSettings.standard(), api.metrics,
                () -> true, api.time).resourceConfig());
        assertThat(served.get("GET /api/chat/conversations/{id}/messages")).containsExactlyInAnyOrder("limit", "before", "after");

        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String route = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                Set<String> documented = new TreeSet<>();
                JsonNode parameters = operation.getValue().get("parameters");
                if (parameters != null) {
                    parameters.forEach(p -> {
                        if (p.get("in").stringValue().equals("query")) {
                            documented.add(p.get("name").stringValue());
                        }
                    });
                }
                assertThat(documented).as(route).isEqualTo(served.get(route));
            }
        }
    }

    @Test
    void every_reference_in_the_document_resolves() {
        Set<String> refs = new TreeSet<>();
        collectRefs(document, refs);

        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            JsonNode target = document.at(ref.substring(1));
            assertThat(target.isMissingNode()).as(ref).isFalse();
        }
    }

    @Test
    void the_document_is_served_without_a_token_as_json() {
        HttpResponse<String> response = api.get("/api/openapi.json", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    }

    private static Set<String> templates(String path) {
        Set<String> names = new TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("$ref")) {
                    refs.add(field.getValue().stringValue());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectRefs(element, refs));
        }
    }
}
