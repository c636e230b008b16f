package org.carechat.adapter.jwt;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.carechat.domain.user.Roles;

/**
 * How CareChat checks the identity provider's tokens: the one accepted algorithm, the key that signs them,
 * and the claims a token must carry. Refuses at construction anything that could not verify a single token,
 * so a misconfigured server does not start.
 *
 * <p>Exactly one key source fits each algorithm: {@code secret} for HS256; {@code publicKeyPem} or one of
 * {@code jwksFile} / {@code jwksUrl} for RS256 and ES256. Blank issuer or audience means "not checked". A
 * null subject claim means {@code "sub"}, a null role claim {@code "role"}, a null role map none, a null clock
 * skew 60 seconds.
 *
 * <p>The subject and role claims let CareChat read the tokens an existing login already issues (a user id in
 * {@code id}, say). The role map renames the roles those tokens carry to CareChat's ({@code mom -> patient})
 * before the role is read; a role it does not name passes through unchanged. Like CareChat's role names, the
 * map's are compared ignoring case and surrounding blanks, so its keys and targets are kept lower-case. Every
 * target must be a role of {@code roles}.
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
        String subjectClaim,
        String roleClaim,
        Map<String, String> roleMap,
        Duration clockSkew,
        Roles roles) {

    public static final String DEFAULT_SUBJECT_CLAIM = "sub";
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
        subjectClaim = subjectClaim == null ? DEFAULT_SUBJECT_CLAIM : subjectClaim.strip();
        roleClaim = roleClaim == null ? DEFAULT_ROLE_CLAIM : roleClaim.strip();
        clockSkew = clockSkew == null ? DEFAULT_CLOCK_SKEW : clockSkew;
        if (subjectClaim.isEmpty()) {
            throw new IllegalArgumentException("the subject claim name must not be blank");
        }
        if (roleClaim.isEmpty()) {
            throw new IllegalArgumentException("the role claim name must not be blank");
        }
        if (subjectClaim.equals(roleClaim)) {
            throw new IllegalArgumentException("the subject claim and the role claim must be different claims; both are '"
                    + roleClaim + "'");
        }
        roleMap = checkedRoleMap(roleMap, roles);
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

    /** The settings as they were before the subject claim and the role map: {@code sub}, no map. */
    public JwtSettings(Algorithm algorithm, byte[] secret, String publicKeyPem, Path jwksFile, URI jwksUrl,
                       String issuer, String audience, String roleClaim, Duration clockSkew, Roles roles) {
        this(algorithm, secret, publicKeyPem, jwksFile, jwksUrl, issuer, audience, null, roleClaim, null, clockSkew,
                roles);
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
        return new JwtSettings(algorithm, secret, publicKeyPem, jwksFile, jwksUrl, newIssuer, audience, subjectClaim,
                roleClaim, roleMap, clockSkew, roles);
    }

    public JwtSettings withAudience(String newAudience) {
        return new JwtSettings(algorithm, secret, publicKeyPem, jwksFile, jwksUrl, issuer, newAudience, subjectClaim,
                roleClaim, roleMap, clockSkew, roles);
    }

    /** The claim that holds the user id: a string, or a whole number read as its decimal text. */
    public JwtSettings withSubjectClaim(String newSubjectClaim) {
        return new JwtSettings(algorithm, secret, publicKeyPem, jwksFile, jwksUrl, issuer, audience, newSubjectClaim,
                roleClaim, roleMap, clockSkew, roles);
    }

    public JwtSettings withRoleClaim(String newRoleClaim) {
        return new JwtSettings(algorithm, secret, publicKeyPem, jwksFile, jwksUrl, issuer, audience, subjectClaim,
                newRoleClaim, roleMap, clockSkew, roles);
    }

    /** Both claim names at once, so that swapping them never passes through a state where they are the same. */
    public JwtSettings withClaims(String newSubjectClaim, String newRoleClaim) {
        return new JwtSettings(algorithm, secret, publicKeyPem, jwksFile, jwksUrl, issuer, audience, newSubjectClaim,
                newRoleClaim, roleMap, clockSkew, roles);
    }

    /** Token role to CareChat role ({@code mom -> patient}), applied before the role is read. */
    public JwtSettings withRoleMap(Map<String, String> newRoleMap) {
        return new JwtSettings(algorithm, secret, publicKeyPem, jwksFile, jwksUrl, issuer, audience, subjectClaim,
                roleClaim, newRoleMap, clockSkew, roles);
    }

    public JwtSettings withClockSkew(Duration newClockSkew) {
        return new JwtSettings(algorithm, secret, publicKeyPem, jwksFile, jwksUrl, issuer, audience, subjectClaim,
                roleClaim, roleMap, newClockSkew, roles);
    }

    /** The CareChat role name a token's role stands for: the map's target, or the name itself when unmapped. */
    public String mapRole(String tokenRole) {
        String mapped = roleMap.get(normalizedRole(tokenRole));
        return mapped != null ? mapped : tokenRole;
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
                && subjectClaim.equals(that.subjectClaim)
                && roleClaim.equals(that.roleClaim)
                && roleMap.equals(that.roleMap)
                && clockSkew.equals(that.clockSkew)
                && roles.equals(that.roles);
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, Arrays.hashCode(secret), publicKeyPem, jwksFile, jwksUrl, issuer, audience,
                subjectClaim, roleClaim, roleMap, clockSkew, roles);
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
                + ", subjectClaim=" + subjectClaim
                + ", roleClaim=" + roleClaim
                + ", roleMap=" + roleMap
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

    /** Role names as CareChat compares them: without surrounding blanks, ignoring case. */
    static String normalizedRole(String name) {
        return name == null ? null : name.trim().toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> checkedRoleMap(Map<String, String> given, Roles roles) {
        if (given == null || given.isEmpty()) {
            return Map.of();
        }
        Map<String, String> checked = new LinkedHashMap<>();
        given.forEach((tokenRole, carechatRole) -> {
            String key = normalizedRole(tokenRole);
            String target = normalizedRole(carechatRole);
            if (key == null || key.isEmpty() || target == null || target.isEmpty()) {
                throw new IllegalArgumentException("the role map has an empty role name: '" + tokenRole + "' -> '"
                        + carechatRole + "'");
            }
            if (checked.containsKey(key)) {
                throw new IllegalArgumentException("the role map maps '" + key + "' twice (role names ignore case)");
            }
            if (roles.named(target).isEmpty()) {
                throw new IllegalArgumentException("the role map maps '" + key + "' to '" + target
                        + "', which is not a role CareChat knows");
            }
            checked.put(key, target);
        });
        return Collections.unmodifiableMap(checked);
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
