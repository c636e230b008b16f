package org.carechat.bootstrap;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carechat.adapter.jwt.HmacTokenIssuer;
import org.carechat.adapter.jwt.JwtSettings;
import org.carechat.adapter.web.WebClient;
import org.carechat.application.Actor;
import org.carechat.application.CareChatCore;
import org.carechat.application.admin.OpenCareRelationshipUseCase.OpenCareRelationship;
import org.carechat.application.admin.UpsertUserUseCase.UpsertUser;
import org.carechat.bootstrap.server.CareChatServer;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;

/**
 * A first run with no setup: a few patients and clinicians in care with each other, tokens for each,
 * and a client example to paste.
 */
final class Demo {
    static final Duration TOKEN_TTL = Duration.ofHours(24);

    private record Person(String id, String name, String role, String specialty) {
    }

    private static final Person[] PEOPLE = {
        new Person("p1", "Pat Doe", "patient", null),
        new Person("p2", "Sam Lee", "patient", null),
        new Person("d1", "Dr. Ada Smith", "doctor", "cardiology"),
        new Person("n1", "Nurse Joan Park", "nurse", null),
    };

    private static final String[][] CARE = {{"p1", "d1"}, {"p1", "n1"}, {"p2", "d1"}};

    private Demo() {
    }

    /** Seeds the directory and the care relationships through the administration use cases. */
    static void seed(CareChatCore core) {
        Actor admin = Actor.of(UserId.of("demo-admin"), Role.ADMIN);
        for (Person person : PEOPLE) {
            core.upsertUser().upsert(new UpsertUser(admin, UserId.of(person.id()), person.name(), person.role(),
                    person.specialty())).orThrow();
        }
        for (String[] pair : CARE) {
            core.openCareRelationship().open(new OpenCareRelationship(admin, UserId.of(pair[0]), UserId.of(pair[1]),
                    null, null, null)).orThrow();
        }
    }

    /** Tokens for every demo person and for an admin, signed with the server's HS256 secret. */
    static Map<String, String> tokens(JwtSettings jwt, Clock clock) {
        HmacTokenIssuer issuer = HmacTokenIssuer.forSettings(jwt, clock);
        Map<String, String> tokens = new LinkedHashMap<>();
        for (Person person : PEOPLE) {
            tokens.put(person.id(), issuer.issue(person.id(), person.role(), person.name(), TOKEN_TTL));
        }
        tokens.put("admin", issuer.issue("admin", "admin", "Demo Admin", TOKEN_TTL));
        return tokens;
    }

    /**
     * The demo's patients and clinicians with a fresh token each, for the web client's sign-in list; empty when
     * the configured key is not an HS256 secret (the demo cannot mint tokens then).
     */
    static List<WebClient.DemoPerson> people(JwtSettings jwt, Clock clock) {
        if (jwt.algorithm() != JwtSettings.Algorithm.HS256) {
            return List.of();
        }
        Map<String, String> tokens = tokens(jwt, clock);
        return Arrays.stream(PEOPLE).map(person -> new WebClient.DemoPerson(person.id(), person.name(), person.role(),
                person.specialty(), tokens.get(person.id()))).toList();
    }

    static void print(CareChatServer server, PrintStream out) {
        String base = server.baseUri().toString();
        String ws = base.replaceFirst("^http", "ws") + "/ws";
        out.println();
        out.println("CareChat demo is running on " + base + " (" + switch (server.config().store()) {
            case "memory" -> "in-memory data, lost on exit";
            case "embedded" -> "data kept in " + server.config().dataDir().toAbsolutePath().normalize();
            default -> "data in MongoDB";
        } + ")");
        out.println("People: p1 Pat Doe and p2 Sam Lee (patients), d1 Dr. Ada Smith (doctor), n1 Nurse Joan Park.");
        out.println("Care relationships: p1-d1, p1-n1, p2-d1. Patients p1 and p2 may not talk to each other.");
        out.println("Web client: " + base + "/ (pick who you are)");
        if (server.jwtSettings().algorithm() != JwtSettings.Algorithm.HS256) {
            out.println("Tokens: the configured key is not an HS256 secret, so the demo cannot mint tokens.");
            return;
        }
        Map<String, String> tokens = tokens(server.jwtSettings(), Clock.systemUTC());
        out.println();
        out.println("Tokens, valid " + TOKEN_TTL.toHours() + " h:");
        tokens.forEach((who, token) -> out.println("  export " + who.toUpperCase() + "=" + token));
        out.println();
        out.println("Try it with curl (after pasting the exports above):");
        out.println("  curl -s -X POST " + base + "/api/chat/conversations -H \"Authorization: Bearer $P1\" "
                + "-H 'Content-Type: application/json' -d '{\"participantId\":\"d1\"}'");
        out.println("  curl -s " + base + "/api/chat/conversations -H \"Authorization: Bearer $D1\"");
        out.println();
        out.println("Or in a browser: open " + base + "/ and pick Pat Doe, then open it in a second tab (each tab");
        out.println("signs in on its own) and pick Dr. Ada Smith.");
        out.println("WebSocket clients connect to " + ws + " with one of the tokens above (see docs/protocol.md).");
        out.println();
    }
}
