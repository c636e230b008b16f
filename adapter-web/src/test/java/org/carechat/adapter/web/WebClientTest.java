package org.carechat.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's files over real HTTP, beside a stand-in for the REST door at {@code /}. */
class WebClientTest {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HttpServer server;
    private URI base;

    private void start(Supplier<List<WebClient.DemoPerson>> demo) throws IOException {
        server = new HttpServer();
        NetworkListener listener = new NetworkListener("test", "127.0.0.1", 0);
        server.addListener(listener);
        server.getServerConfiguration().addHttpHandler(new HttpHandler() {
            @Override
            public void service(Request request, Response response) throws Exception {
                response.setContentType("text/plain");
                response.getWriter().write("rest " + request.getRequestURI());
            }
        }, "/");
        new WebClient(demo).install(server.getServerConfiguration());
        server.start();
        base = URI.create("http://127.0.0.1:" + listener.getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_page_answers_at_the_root_and_index_with_a_strict_policy() throws Exception {
        start(null);
        for (String path : List.of("/", "/index.html")) {
            HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
            assertThat(page.body()).contains("<script type=\"module\" src=\"/app/main.js\"></script>");
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(ClientFiles.CONTENT_SECURITY_POLICY);
            assertThat(ClientFiles.CONTENT_SECURITY_POLICY).contains("script-src 'self'").doesNotContain("unsafe");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        }
    }

    @Test
    void modules_are_served_as_javascript_and_everything_else_stays_with_the_rest_door() throws Exception {
        start(null);
        HttpResponse<String> module = get("/app/vendor/preact-htm.js");
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("Content-Type")).hasValue("text/javascript;charset=utf-8");
        assertThat(module.body()).contains("export");
        assertThat(get("/app/icon.svg").headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        assertThat(get("/api/chat/conversations").body()).isEqualTo("rest /api/chat/conversations");
        assertThat(get("/health").body()).isEqualTo("rest /health");
        assertThat(get("/index.htm").body()).isEqualTo("rest /index.htm");
    }

    @Test
    void missing_files_folders_and_paths_out_of_the_client_are_404() throws Exception {
        start(null);
        for (String path : List.of("/app/nothing.js", "/app/", "/app/vendor", "/app/vendor/", "/app/WebClient.class", "/app/Icon.svg", "/app/vendor/../icon.svg",
                "/app/%69con.svg",
                "/app/index.html/", "/app/demo-people")) {
            HttpResponse<String> missing = get(path);
            assertThat(missing.statusCode()).as(path).isIn(404, 400);
            assertThat(missing.body()).as(path).doesNotContain("class").doesNotContain("Grizzly");
        }
    }

    @Test
    void a_raw_dot_dot_path_does_not_leave_the_client_folder() throws Exception {
        start(null);
        for (String path : List.of("/app/../../adapter/web/WebClient.class", "/app/%2e%2e/%2e%2e/WebClient.class",
                "/app/vendor/../../web/WebClient.class", "/app/..%2f..%2fWebClient.class", "/app/..%2fClientFiles.class")) {
            // sent as is, without the client library's normalisation
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                // Grizzly refuses a path that climbs above the root before any handler sees it (a 500, for every
                // route); one that stays inside the root but leaves /app goes to the REST door
                assertThat(answer).as(path).doesNotContain("\u00ca\u00fe\u00ba\u00be").doesNotContain("nosniff");
                if (answer.startsWith("HTTP/1.1 200")) {
                    assertThat(answer).as(path).contains("\r\n\r\nrest ");
                }
            }
        }
    }

    @Test
    void only_get_and_head_are_served_and_no_query_parameters() throws Exception {
        start(null);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(base.resolve("/app/icon.svg"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(base.resolve("/")).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        HttpResponse<String> query = get("/?access_token=secret");
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(query.body()).doesNotContain("secret");
    }

    @Test
    void the_demo_people_are_listed_only_in_demo_mode() throws Exception {
        start(() -> List.of(new WebClient.DemoPerson("p1", "Pat <b>Doe</b>", "patient", null, "tok.en.p1")));
        HttpResponse<String> people = get("/app/demo-people");
        assertThat(people.statusCode()).isEqualTo(200);
        assertThat(people.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        assertThat(people.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(people.body()).isEqualTo("{\"people\":[{\"id\":\"p1\",\"name\":\"Pat <b>Doe</b>\",\"role\":\"patient\","
                + "\"specialty\":null,\"token\":\"tok.en.p1\"}]}");
    }
}
