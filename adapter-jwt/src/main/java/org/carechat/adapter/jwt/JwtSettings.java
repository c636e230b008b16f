package org.carechat.adapter.jwt;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.carechat.domain.user.Roles;

/**
 * How CareChat checks the identity provider's tokens: the one accepted algorithm, the key that signs them,
 * and the claims a token must carry. Refuses at construction anything that could not verify a single token,
 * so a misconfigured server does not start.
 *
 * <p>Exactly one key source fits each algorithm: {@code secret} for HS256; {@code publicKeyPem} or one of
 * {@code jwksFile} / {@code jwksUrl} for RS256 and ES256. Blank issuer or audience means "not checked". A
 * null role claim means {@code "role"}; a null clock skew means 60 seconds.
 *
 * <p>The secret never appears in {@link #toString()} nor in any exception message.
 */
public record JwtSettings(
        Algorithm algorithm,
        byte[] secret,
        String publicKeyPem,
        Path jwksFile,
        URI jwksUrl,
        String issuer,
        String audience,
        String roleClaim,
        Duration clockSkew,
        Roles roles) {

    public static final String DEFAULT_ROLE_CLAIM = "role";
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    /** RFC 7518 section 3.2: an HS256 key shorter than the hash output weakens the MAC. */
    public static final int MIN_HMAC_SECRET_BYTES = 32;

    /** The accepted signature algorithm; a token signed with anything else is refused. */
    public enum Algorithm {
        HS256, RS256, ES256;

        /** The algorithm of that name (case-insensitive), refusing any other. */
        public static Algorithm parse(String name) {
            if (name != null) {
                String normalized = name.strip().toUpperCase(Locale.ROOT);
                for (Algorithm candidate : values()) {
                    if (candidate.name().equals(normalized)) {
                        return candidate;
                    }
                }
            }
            throw new IllegalArgumentException(
                    "the JWT algorithm must be one of HS256, RS256, ES256; got '" + name + "'");
        }

        boolean usesPublicKey() {
            return this != HS256;
        }
    }

    public JwtSettings {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(roles, "roles");
        secret = secret == null ? null : secret.clone();
        publicKeyPem = blankToNull(publicKeyPem);
        issuer = blankToNull(issuer);
        audience = blankToNull(audience);
        roleClaim = roleClaim == null ? DEFAULT_ROLE_CLAIM : roleClaim.strip();
        clockSkew = clockSkew == null ? DEFAULT_CLOCK_SKEW : clockSkew;
        if (roleClaim.isEmpty()) {
            throw new IllegalArgumentException("the role claim name must not be blank");
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("the clock skew must not be negative; got " + clockSkew);
        }
        if (jwksUrl != null) {
            requireHttpUrl(jwksUrl);
        }
        boolean jwks = jwksFile != null || jwksUrl != null;
        if (jwksFile != null && jwksUrl != null) {
            throw new IllegalArgumentException("give either a JWKS file or a JWKS URL, not both");
        }
        if (publicKeyPem != null && jwks) {
            throw new IllegalArgumentException("give either a PEM public key or a JWKS, not both");
        }
        if (algorithm == Algorithm.HS256) {
            if (publicKeyPem != null || jwks) {
                throw new IllegalArgumentException(
                        "HS256 verifies with CHAT_JWT_SECRET only; a PEM public key or JWKS needs RS256 or ES256");
            }
            if (secret == null) {
                throw new IllegalArgumentException("CHAT_JWT_SECRET is required for HS256");
            }
            requireStrongSecret(secret);
        } else {
            if (secret != null) {
                throw new IllegalArgumentException(
                        "CHAT_JWT_SECRET is only used with HS256; " + algorithm + " verifies with a public key");
            }
            if (publicKeyPem == null && !jwks) {
                throw new IllegalArgumentException(
                        algorithm + " needs a PEM public key, a JWKS file or a JWKS URL");
            }
            if (publicKeyPem != null) {
                PemPublicKeys.parseFor(algorithm, publicKeyPem);
            }
        }
    }

    /** HS256 with a shared secret of at least 32 bytes. */
    public static JwtSettings hs256(byte[] secret, Roles roles) {
        return new JwtSettings(Algorithm.HS256, secret, null, null, null, null, null, null, null, roles);
    }

    /** RS256 or ES256 with one public key in PEM ({@code BEGIN PUBLIC KEY} or {@code BEGIN CERTIFICATE}). */
    public static JwtSettings publicKeyPem(Algorithm algorithm, String pem, Roles roles) {
        return new JwtSettings(algorithm, null, requirePresent(pem, "PEM public key"), null, null, null, null, null,
                null, roles);
    }

    /** RS256 or ES256 with a JWKS read once from a file; the token's {@code kid} selects the key. */
    public static JwtSettings jwksFile(Algorithm algorithm, Path file, Roles roles) {
        return new JwtSettings(algorithm, null, null, Objects.requireNonNull(file, "file"), null, null, null, null,
                null, roles);
    }

    /** RS256 or ES256 with a JWKS fetched (and cached) from the identity provider's URL. */
    public static JwtSettings jwksUrl(Algorithm algorithm, URI url, Roles roles) {
        return new JwtSettings(algorithm, null, null, null, Objects.requireNonNull(url, "url"), null, null, null,
                null, roles);
    }

    /** A JWKS location as configured: an {@code http(s)://} URL, otherwise a file path. */
    public static JwtSettings jwks(Algorithm algorithm, String location, Roles roles) {
        String value = requirePresent(location, "JWKS location");
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return jwksUrl(algorithm, URI.create(value), roles);
        }
        return jwksFile(algorithm, Path.of(value), roles);
    }

    public JwtSettings withIssuer(String newIssuer) {
        return new JwtSettings(algorithm, secret, publicKeyPem, jwksFile, jwksUrl, newIssuer, audience, roleClaim,
                clockSkew, roles);
    }

    public JwtSettings withAudience(String newAudience) {
        return new JwtSettings(algorithm, secret, publicKeyPem, jwksFile, jwksUrl, issuer, newAudience, roleClaim,
                clockSkew, roles);
    }

    public JwtSettings withRoleClaim(String newRoleClaim) {
        return new JwtSettings(algorithm, secret, publicKeyPem, jwksFile, jwksUrl, issuer, audience, newRoleClaim,
                clockSkew, roles);
    }

    public JwtSettings withClockSkew(Duration newClockSkew) {
        return new JwtSettings(algorithm, secret, publicKeyPem, jwksFile, jwksUrl, issuer, audience, roleClaim,
                newClockSkew, roles);
    }

    /** A copy of the HS256 secret, or null for the public-key algorithms. */
    @Override
    public byte[] secret() {
        return secret == null ? null : secret.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JwtSettings that
                && algorithm == that.algorithm
                && Arrays.equals(secret, that.secret)
                && Objects.equals(publicKeyPem, that.publicKeyPem)
                && Objects.equals(jwksFile, that.jwksFile)
                && Objects.equals(jwksUrl, that.jwksUrl)
                && Objects.equals(issuer, that.issuer)
                && Objects.equals(audience, that.audience)
                && roleClaim.equals(that.roleClaim)
                && clockSkew.equals(that.clockSkew)
                && roles.equals(that.roles);
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, Arrays.hashCode(secret), publicKeyPem, jwksFile, jwksUrl, issuer, audience,
                roleClaim, clockSkew, roles);
    }

    @Override
    public String toString() {
        return "JwtSettings[algorithm=" + algorithm
                + ", secret=" + (secret == null ? "none" : "[redacted]")
                + ", publicKeyPem=" + (publicKeyPem == null ? "none" : "[PEM]")
                + ", jwksFile=" + (jwksFile == null ? "none" : jwksFile)
                + ", jwksUrl=" + (jwksUrl == null ? "none" : withoutCredentials(jwksUrl))
                + ", issuer=" + (issuer == null ? "not checked" : issuer)
                + ", audience=" + (audience == null ? "not checked" : audience)
                + ", roleClaim=" + roleClaim
                + ", clockSkew=" + clockSkew
                + ", roles=" + roles.names() + "]";
    }

    static void requireStrongSecret(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_HMAC_SECRET_BYTES) {
            throw new IllegalArgumentException("CHAT_JWT_SECRET must be at least " + MIN_HMAC_SECRET_BYTES
                    + " bytes (256 bits) for HS256; got " + secret.length + " bytes");
        }
    }

    private static void requireHttpUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null) {
            throw new IllegalArgumentException("the JWKS URL must be an absolute http(s) URL; got " + url);
        }
    }

    /** A URL may carry a user-info or a query token; neither belongs in a log line. */
    private static String withoutCredentials(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    private static String requirePresent(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the " + what + " must not be blank");
        }
        return value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
