package org.carechat.bench.server;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.carechat.adapter.jwt.HmacTokenIssuer;

/** HS256 tokens signed with the secret the server under test was started with, as the clinic's IdP would mint them. */
public final class Tokens {
    private static final Duration TTL = Duration.ofHours(12);

    private final HmacTokenIssuer issuer;

    public Tokens(String secret) {
        this.issuer = new HmacTokenIssuer(secret.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
    }

    public String of(String userId, String role) {
        return issuer.issue(userId, role, null, TTL);
    }

    public String admin() {
        return of("bench-admin", "admin");
    }
}
