package org.carechat.adapter.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.http.util.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client's files, from the class path, with what a page holding health data needs on every answer: a
 * strict Content-Security-Policy (scripts, styles and connections from this origin only, no inline script, no
 * framing), no sniffing, no referrer, revalidation on every load (an upgraded server's files are picked up at
 * once, an unchanged file costs a 304), the types ES modules need, and GET/HEAD only.
 *
 * <p>A file's path must be plain (letters, digits, dashes, folders, one extension of a known type): no dot
 * segments, no escapes, so nothing outside the client's folder can be named. Grizzly's class-path handler was
 * not used: it serves folders' index files, lists nothing of what it refuses, and answers a dot-dot path with a
 * 500; the client's few small files are read once and kept.
 */
final class ClientFiles extends HttpHandler {
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' blob:",
            "media-src 'self' blob:",
            "connect-src 'self'",
            "font-src 'self'",
            "manifest-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'");
    static final String DEMO_PEOPLE = "demo-people";
    private static final Pattern PLAIN_PATH = Pattern.compile("(?:[a-z0-9][a-z0-9-]*/)*[a-z0-9][a-z0-9-]*\\.[a-z]{2,4}");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "css", "text/css;charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json;charset=utf-8");

    private record File(byte[] bytes, String type, String etag) {
    }

    private final ClassLoader loader;
    private final String root;
    private final Supplier<List<WebClient.DemoPerson>> demoPeople;
    private final Map<String, Optional<File>> files = new ConcurrentHashMap<>();
    private final JsonMapper json = JsonMapper.builder().build();

    ClientFiles(ClassLoader loader, String root, Supplier<List<WebClient.DemoPerson>> demoPeople) {
        this.loader = loader;
        this.root = root;
        this.demoPeople = demoPeople;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Permissions-Policy", "camera=(self), microphone=(self), geolocation=(), payment=()");
        response.setHeader(Header.CacheControl, "no-cache");
        Method method = request.getMethod();
        if (method != Method.GET && method != Method.HEAD) {
            response.setHeader(Header.Allow, "GET, HEAD");
            plain(response, HttpStatus.METHOD_NOT_ALLOWED_405, "only GET and HEAD are served here");
            return;
        }
        String query = request.getQueryString();
        if (query != null && !query.isEmpty()) {
            // nothing here takes parameters (a token pasted into a link is refused, not served)
            plain(response, HttpStatus.BAD_REQUEST_400, "the web client's files take no query parameters");
            return;
        }
        String path = pathOf(request);
        if (DEMO_PEOPLE.equals(path)) {
            demoPeople(response);
            return;
        }
        Optional<File> file = path == null ? Optional.empty() : files.computeIfAbsent(path, this::load);
        if (file.isEmpty()) {
            plain(response, HttpStatus.NOT_FOUND_404, "no such file");
            return;
        }
        File found = file.get();
        response.setHeader(Header.ETag, found.etag());
        if (found.etag().equals(request.getHeader(Header.IfNoneMatch))) {
            response.setStatus(HttpStatus.NOT_MODIFIED_304);
            return;
        }
        response.setContentType(found.type());
        response.setContentLength(found.bytes().length);
        if (method == Method.GET) {
            response.getOutputStream().write(found.bytes());
        }
    }

    /** The file a request names, relative to the client's folder, or null when it cannot name one. */
    private static String pathOf(Request request) {
        if (!request.getContextPath().equals(WebClient.ASSETS_PATH)) {
            return "index.html"; // the page's exact registrations
        }
        String uri = request.getRequestURI(); // as sent: an escape (%2e) makes the path not plain
        String prefix = WebClient.ASSETS_PATH + "/";
        if (!uri.startsWith(prefix)) {
            return null;
        }
        String path = uri.substring(prefix.length());
        if (path.equals(DEMO_PEOPLE)) {
            return path;
        }
        return PLAIN_PATH.matcher(path).matches() ? path : null;
    }

    private Optional<File> load(String path) {
        String type = TYPES.get(path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = loader.getResourceAsStream(root + path)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            return Optional.of(new File(bytes, type, "\"" + Integer.toHexString(java.util.Arrays.hashCode(bytes))
                    + "-" + bytes.length + "\""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void demoPeople(Response response) throws IOException {
        if (demoPeople == null) {
            plain(response, HttpStatus.NOT_FOUND_404, "no such file");
            return;
        }
        // tokens: never kept by a cache or a proxy
        response.setHeader(Header.CacheControl, "no-store");
        byte[] body = json.writeValueAsBytes(Map.of("people", demoPeople.get()));
        response.setContentType(TYPES.get("json"));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void plain(Response response, HttpStatus status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
