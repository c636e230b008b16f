package org.carechat.adapter.jwt;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.math.BigInteger;
import java.net.MalformedURLException;
import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.carechat.adapter.jwt.JwtSettings.Algorithm;
import org.carechat.application.port.TokenVerifier;
import org.carechat.domain.common.Ids;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.Roles;
import org.carechat.domain.user.UserId;

/**
 * Verifies the identity provider's JWTs with nimbus-jose-jwt: one pinned algorithm, its key (secret, PEM
 * public key, or JWKS whose {@code kid} selects the key), then the claims against the injected clock.
 *
 * <p>The user id is read from the configured subject claim ({@code sub} by default): a string, or a whole number
 * (the numeric ids of an SQL-backed login) read as its decimal text; anything else, or no such claim, is a token
 * that names nobody. The role claim's value goes through the role map before CareChat reads it.
 *
 * <p>Claims are checked here rather than by nimbus's {@code DefaultJWTClaimsVerifier} because that one reads
 * the system clock, and because each refusal should say in a few words why. No refusal and no exception
 * carries the token.
 */
public final class NimbusTokenVerifier implements TokenVerifier {
    /** Longer tokens are refused before any parsing, so a huge header cannot cost the server. */
    public static final int MAX_TOKEN_CHARS = 8 * 1024;

    private final Algorithm algorithm;
    private final JWSAlgorithm jwsAlgorithm;
    private final VerifierSource verifiers;
    private final String issuer;
    private final String audience;
    private final String subjectClaim;
    private final String roleClaim;
    private final JwtSettings settings;
    private final Duration clockSkew;
    private final Roles roles;
    private final Clock clock;

    /**
     * Reads the key material now: a PEM or a JWKS file once, for good; a JWKS URL lazily, cached by nimbus and
     * refetched when a token names an unknown {@code kid} (rate limited), so key rotation needs no restart.
     *
     * @throws IllegalArgumentException when a JWKS file cannot be read or holds no key for the algorithm
     */
    public NimbusTokenVerifier(JwtSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.algorithm = settings.algorithm();
        this.jwsAlgorithm = JWSAlgorithm.parse(algorithm.name());
        this.issuer = settings.issuer();
        this.audience = settings.audience();
        this.subjectClaim = settings.subjectClaim();
        this.roleClaim = settings.roleClaim();
        this.settings = settings;
        this.clockSkew = settings.clockSkew();
        this.roles = settings.roles();
        this.verifiers = verifierSource(settings);
    }

    @Override
    public Result<Identity> verify(String token) {
        if (token == null || token.isBlank()) {
            return refuse("missing token");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            return refuse("token too large");
        }
        // The header alone decides the algorithm, so every foreign or unsecured one gets the same answer
        // whatever else is wrong with the token.
        Header header = readHeader(token);
        if (header == null) {
            return refuse("malformed token");
        }
        if (!(header instanceof JWSHeader) || !jwsAlgorithm.equals(header.getAlgorithm())) {
            return refuse("algorithm not accepted");
        }
        SignedJWT signed;
        try {
            signed = SignedJWT.parse(token);
        } catch (ParseException | RuntimeException unreadable) {
            return refuse("malformed token");
        }
        List<JWSVerifier> candidates;
        try {
            candidates = verifiers.forHeader(signed.getHeader());
        } catch (KeySourceException unreachable) {
            return Result.err(new ChatFailure.Unavailable("the identity provider's signing keys are unavailable"));
        }
        if (candidates.isEmpty()) {
            return refuse("unknown signing key");
        }
        if (!verifiesWithAny(signed, candidates)) {
            return refuse("bad signature");
        }
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException | RuntimeException unreadable) {
            return refuse("malformed token");
        }
        return check(claims);
    }

    /** The token's JOSE header, or null when there is none to read. */
    private static Header readHeader(String token) {
        int firstDot = token.indexOf('.');
        if (firstDot <= 0) {
            return null;
        }
        try {
            return Header.parse(new Base64URL(token.substring(0, firstDot)));
        } catch (ParseException | RuntimeException unreadable) {
            return null;
        }
    }

    private Result<Identity> check(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            return refuse("missing expiry");
        }
        Instant expiresAt = exp.toInstant();
        if (now.isAfter(expiresAt.plus(clockSkew))) {
            return refuse("token expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().isAfter(now.plus(clockSkew))) {
            return refuse("token not valid yet");
        }
        if (issuer != null && !issuer.equals(claims.getIssuer())) {
            return refuse("wrong issuer");
        }
        if (audience != null && (claims.getAudience() == null || !claims.getAudience().contains(audience))) {
            return refuse("wrong audience");
        }
        Object subjectValue = claims.getClaim(subjectClaim);
        if (subjectValue == null) {
            return refuse("missing subject");
        }
        String subject = subjectText(subjectValue);
        if (subject == null || !Ids.isWellFormed(subject)) {
            return refuse("malformed subject");
        }
        Object roleValue = claims.getClaim(roleClaim);
        if (roleValue == null) {
            return refuse("missing role");
        }
        if (!(roleValue instanceof String roleName)) {
            return refuse("malformed role");
        }
        Optional<Role> role = roles.named(settings.mapRole(roleName));
        if (role.isEmpty()) {
            return refuse("unknown role");
        }
        Object nameValue = claims.getClaim("name");
        if (nameValue != null && !(nameValue instanceof String)) {
            return refuse("malformed name");
        }
        String name = nameValue == null || ((String) nameValue).isBlank() ? null : ((String) nameValue).strip();
        return Result.ok(new Identity(UserId.of(subject), role.get(), name, expiresAt));
    }

    /**
     * A user id as text: a string as it is, a whole number as its decimal digits; null for anything else (a
     * fraction, an object such as {@code {"$oid": ...}}, a list, a boolean), which names nobody.
     */
    private static String subjectText(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        return null;
    }

    private static boolean verifiesWithAny(SignedJWT signed, List<JWSVerifier> candidates) {
        for (JWSVerifier candidate : candidates) {
            try {
                if (signed.verify(candidate)) {
                    return true;
                }
            } catch (JOSEException | RuntimeException unusable) {
                // a key that cannot check this signature simply does not vouch for it
            }
        }
        return false;
    }

    private static <T> Result<T> refuse(String reason) {
        return Result.err(new ChatFailure.Unauthorized(reason));
    }

    /** The verifiers that may vouch for a token with that header. */
    @FunctionalInterface
    private interface VerifierSource {
        List<JWSVerifier> forHeader(JWSHeader header) throws KeySourceException;
    }

    private VerifierSource verifierSource(JwtSettings settings) {
        if (algorithm == Algorithm.HS256) {
            List<JWSVerifier> single = List.of(macVerifier(settings.secret()));
            return header -> single;
        }
        if (settings.publicKeyPem() != null) {
            List<JWSVerifier> single = List.of(publicKeyVerifier(
                    PemPublicKeys.parseFor(algorithm, settings.publicKeyPem())));
            return header -> single;
        }
        JWKSource<SecurityContext> source = settings.jwksFile() != null
                ? jwksFromFile(settings)
                : jwksFromUrl(settings);
        JWSVerificationKeySelector<SecurityContext> selector = new JWSVerificationKeySelector<>(jwsAlgorithm, source);
        return header -> {
            List<JWSVerifier> candidates = new ArrayList<>();
            for (Key key : selector.selectJWSKeys(header, null)) {
                if (key instanceof PublicKey publicKey && PemPublicKeys.fits(algorithm, publicKey)) {
                    candidates.add(publicKeyVerifier(publicKey));
                }
            }
            return candidates;
        };
    }

    private JWKSource<SecurityContext> jwksFromFile(JwtSettings settings) {
        JWKSet keys;
        try {
            // public parts only: a JWKS exported with private keys must not keep them in memory here
            keys = JWKSet.load(settings.jwksFile().toFile()).toPublicJWKSet();
        } catch (IOException | ParseException unreadable) {
            throw new IllegalArgumentException("cannot read the JWKS file " + settings.jwksFile() + ": "
                    + unreadable.getClass().getSimpleName());
        }
        ImmutableJWKSet<SecurityContext> source = new ImmutableJWKSet<>(keys);
        try {
            boolean usable = new JWSVerificationKeySelector<>(jwsAlgorithm, source)
                    .selectJWSKeys(new JWSHeader(jwsAlgorithm), null).stream()
                    .anyMatch(key -> key instanceof PublicKey publicKey && PemPublicKeys.fits(algorithm, publicKey));
            if (!usable) {
                throw new IllegalArgumentException(
                        "the JWKS file " + settings.jwksFile() + " holds no key usable for " + algorithm);
            }
        } catch (KeySourceException impossible) {
            throw new IllegalStateException("an in-memory JWKS cannot fail", impossible);
        }
        return source;
    }

    private static JWKSource<SecurityContext> jwksFromUrl(JwtSettings settings) {
        try {
            // No refresh-ahead: it would park a non-daemon thread; a plain cache refreshed on demand suffices.
            return JWKSourceBuilder.<SecurityContext>create(settings.jwksUrl().toURL())
                    .refreshAheadCache(false)
                    .retrying(true)
                    .build();
        } catch (MalformedURLException | IllegalArgumentException badUrl) {
            throw new IllegalArgumentException("the JWKS URL is not a valid URL");
        }
    }

    private static JWSVerifier macVerifier(byte[] secret) {
        try {
            return new MACVerifier(secret);
        } catch (JOSEException weak) {
            throw new IllegalArgumentException("CHAT_JWT_SECRET cannot verify HS256 tokens");
        }
    }

    private static JWSVerifier publicKeyVerifier(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return new RSASSAVerifier(rsa);
        }
        try {
            return new ECDSAVerifier((ECPublicKey) key);
        } catch (JOSEException unsupportedCurve) {
            throw new IllegalArgumentException("unsupported EC key: " + unsupportedCurve.getMessage());
        }
    }
}
