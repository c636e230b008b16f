package org.carechat.adapter.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.carechat.adapter.jwt.JwtSettings.Algorithm;
import org.carechat.domain.common.Ids;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;

/**
 * Mints HS256 tokens the way the clinic's identity provider would, for the server's demo mode and for
 * end-to-end tests. Production tokens come from the identity provider, never from here.
 */
public final class HmacTokenIssuer {
    private final MACSigner signer;
    private final String issuer;
    private final String audience;
    private final String subjectClaim;
    private final String roleClaim;
    private final Clock clock;

    /** Tokens with the role in {@code role} and no {@code iss}/{@code aud}. */
    public HmacTokenIssuer(byte[] secret, Clock clock) {
        this(secret, null, null, JwtSettings.DEFAULT_ROLE_CLAIM, clock);
    }

    /** {@code issuer} and {@code audience} may be null (claim left out); {@code roleClaim} names the role claim. */
    public HmacTokenIssuer(byte[] secret, String issuer, String audience, String roleClaim, Clock clock) {
        this(secret, issuer, audience, JwtSettings.DEFAULT_SUBJECT_CLAIM, roleClaim, clock);
    }

    /** As above, with the user id in {@code subjectClaim} rather than {@code sub}. */
    public HmacTokenIssuer(byte[] secret, String issuer, String audience, String subjectClaim, String roleClaim,
                           Clock clock) {
        JwtSettings.requireStrongSecret(secret);
        try {
            this.signer = new MACSigner(secret.clone());
        } catch (JOSEException weak) {
            throw new IllegalArgumentException("CHAT_JWT_SECRET cannot sign HS256 tokens");
        }
        this.issuer = issuer == null || issuer.isBlank() ? null : issuer.strip();
        this.audience = audience == null || audience.isBlank() ? null : audience.strip();
        if (subjectClaim == null || subjectClaim.isBlank()) {
            throw new IllegalArgumentException("the subject claim name must not be blank");
        }
        if (roleClaim == null || roleClaim.isBlank()) {
            throw new IllegalArgumentException("the role claim name must not be blank");
        }
        this.subjectClaim = subjectClaim.strip();
        this.roleClaim = roleClaim.strip();
        if (this.subjectClaim.equals(this.roleClaim)) {
            throw new IllegalArgumentException("the subject claim and the role claim must be different claims");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * An issuer whose tokens the verifier built from the same HS256 settings accepts: same secret, issuer,
     * audience, subject and role claims. It writes CareChat's own role names, which a role map leaves alone
     * unless it names them.
     */
    public static HmacTokenIssuer forSettings(JwtSettings settings, Clock clock) {
        if (settings.algorithm() != Algorithm.HS256) {
            throw new IllegalArgumentException("only HS256 tokens can be issued; the settings use "
                    + settings.algorithm());
        }
        return new HmacTokenIssuer(settings.secret(), settings.issuer(), settings.audience(), settings.subjectClaim(),
                settings.roleClaim(), clock);
    }

    public String issue(UserId subject, Role role, String name, Duration ttl) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
        return issue(subject.value(), role.name(), name, ttl);
    }

    /**
     * A signed token for {@code subject} with {@code role}, valid from now for {@code ttl}; {@code name} may be
     * null. The role is written as given, so tests can mint tokens with roles the server does not know.
     */
    public String issue(String subject, String role, String name, Duration ttl) {
        Ids.requireWellFormed(subject, "subject");
        if (role == null || role.isBlank()) {
            throw new IllegalArgumentException("role must not be blank");
        }
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .claim(subjectClaim, subject)
                .claim(roleClaim, role)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)));
        if (name != null && !name.isBlank()) {
            claims.claim("name", name);
        }
        if (issuer != null) {
            claims.issuer(issuer);
        }
        if (audience != null) {
            claims.audience(audience);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException impossible) {
            throw new IllegalStateException("HS256 signing failed", impossible);
        }
        return jwt.serialize();
    }
}
