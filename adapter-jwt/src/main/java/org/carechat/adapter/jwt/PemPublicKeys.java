package org.carechat.adapter.jwt;

import com.nimbusds.jose.jwk.Curve;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carechat.adapter.jwt.JwtSettings.Algorithm;

/**
 * Reads the identity provider's public key from PEM with the JDK alone: nimbus's own PEM parser needs
 * BouncyCastle, which CareChat does not ship.
 */
final class PemPublicKeys {
    static final int MIN_RSA_BITS = 2048;

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private PemPublicKeys() {
    }

    /** The key of that PEM, refused unless it is the kind the algorithm verifies with. */
    static PublicKey parseFor(Algorithm algorithm, String pem) {
        PublicKey key = parse(pem);
        requireFits(algorithm, key, "the PEM public key");
        return key;
    }

    /** Whether a key (from PEM or JWKS) is one the algorithm may verify with. */
    static boolean fits(Algorithm algorithm, PublicKey key) {
        try {
            requireFits(algorithm, key, "the key");
            return true;
        } catch (IllegalArgumentException notFitting) {
            return false;
        }
    }

    private static void requireFits(Algorithm algorithm, PublicKey key, String what) {
        switch (algorithm) {
            case RS256 -> {
                if (!(key instanceof RSAPublicKey rsa)) {
                    throw new IllegalArgumentException(
                            "RS256 needs an RSA public key; " + what + " is " + key.getAlgorithm());
                }
                int bits = rsa.getModulus().bitLength();
                if (bits < MIN_RSA_BITS) {
                    throw new IllegalArgumentException("RS256 needs an RSA key of at least " + MIN_RSA_BITS
                            + " bits; " + what + " has " + bits);
                }
            }
            case ES256 -> {
                if (!(key instanceof ECPublicKey ec)) {
                    throw new IllegalArgumentException(
                            "ES256 needs an EC P-256 public key; " + what + " is " + key.getAlgorithm());
                }
                Curve curve = Curve.forECParameterSpec(ec.getParams());
                if (!Curve.P_256.equals(curve)) {
                    throw new IllegalArgumentException("ES256 needs an EC P-256 public key; " + what
                            + " is on curve " + (curve == null ? "unknown" : curve.getName()));
                }
            }
            case HS256 -> throw new IllegalArgumentException("HS256 verifies with a secret, not a public key");
        }
    }

    static PublicKey parse(String pem) {
        Matcher block = BLOCK.matcher(pem);
        if (!block.find()) {
            throw new IllegalArgumentException("the PEM public key does not parse: no PEM block found");
        }
        String type = block.group(1);
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(block.group(2).strip());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("the PEM public key does not parse: its body is not base64");
        }
        switch (type) {
            case "PUBLIC KEY":
                return fromSubjectPublicKeyInfo(der);
            case "CERTIFICATE":
                return fromCertificate(der);
            case "RSA PUBLIC KEY":
                throw new IllegalArgumentException("the PEM public key does not parse: PKCS#1 'RSA PUBLIC KEY' is not"
                        + " supported, give the 'PUBLIC KEY' (SubjectPublicKeyInfo) form");
            default:
                if (type.contains("PRIVATE")) {
                    throw new IllegalArgumentException(
                            "the PEM holds a private key; CareChat needs only the identity provider's public key");
                }
                throw new IllegalArgumentException(
                        "the PEM public key does not parse: unexpected block '" + type + "'");
        }
    }

    private static PublicKey fromSubjectPublicKeyInfo(byte[] der) {
        for (String keyAlgorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(keyAlgorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | IllegalArgumentException notThisKind) {
                // try the next kind
            }
        }
        throw new IllegalArgumentException("the PEM public key does not parse: neither an RSA nor an EC key");
    }

    private static PublicKey fromCertificate(byte[] der) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der))
                    .getPublicKey();
        } catch (GeneralSecurityException | IllegalArgumentException notACertificate) {
            throw new IllegalArgumentException("the PEM public key does not parse: not an X.509 certificate");
        }
    }
}
