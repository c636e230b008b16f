package org.carechat.adapter.rest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.carechat.application.Actor;
import org.carechat.application.port.TokenVerifier;
import org.carechat.application.port.TokenVerifier.Identity;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.common.Ids;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.RoleKind;
import org.carechat.domain.user.UserId;

/**
 * Short-lived links to download one file without a token, for what a browser fetches by itself ({@code <img src>},
 * a download link): {@code /api/chat/attachments/{id}?link=<opaque>}. A link names the person it was handed to
 * (their id and role) and when it expires, and is signed with HMAC-SHA256 over those and the attachment id, so it
 * is good for that one file, as that one person, until then ({@link #TTL} at most) and for nothing else.
 *
 * <p>The key is 32 random bytes made when this object is, once per REST application: links do not survive a
 * restart, nor pass from one server to another, which costs nothing for links that live a minute (a client asks
 * for a new one).
 *
 * <p>Format, opaque to clients: {@code base64url(user id) . base64url(role name) . ROLE_KIND . expiry in epoch
 * millis . base64url(mac)}; every part is free of {@code .} and {@code |}.
 */
final class AttachmentLinks {
    /** How long a link is good for. */
    static final Duration TTL = Duration.ofSeconds(60);
    /** Links are far shorter; anything longer is refused before it is looked at. */
    static final int MAX_LENGTH = 512;

    static final String EXPIRED = "the link has expired; ask for a new one";
    static final String NOT_VALID = "the link is not valid for this file; ask for a new one";

    private static final String ALGORITHM = "HmacSHA256";
    private static final String PURPOSE = "carechat/attachment-link/v1|";
    private static final int MAC_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;

    AttachmentLinks(Clock clock) {
        this(randomKey(), clock);
    }

    AttachmentLinks(byte[] key, Clock clock) {
        if (key.length < MAC_BYTES) {
            throw new IllegalArgumentException("a link key has at least " + MAC_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static byte[] randomKey() {
        byte[] key = new byte[MAC_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** A link, good until {@link Link#expiresAt()}, for {@code actor} to download {@code attachment}. */
    Link sign(Actor actor, AttachmentId attachment) {
        // whole milliseconds, rounded down: the expiry on the wire is the one signed, and at most TTL away
        Instant expiresAt = clock.instant().truncatedTo(ChronoUnit.MILLIS).plus(TTL);
        String payload = encode(actor.id().value()) + "." + encode(actor.role().name()) + "." + actor.role().kind().name()
                + "." + expiresAt.toEpochMilli();
        String link = payload + "." + ENCODER.encodeToString(mac(attachment.value(), payload));
        if (link.length() > MAX_LENGTH) {
            // ids are at most 128 characters; only an absurd role name gets here
            throw new IllegalStateException("a link came out longer than " + MAX_LENGTH + " characters");
        }
        return new Link(link, expiresAt);
    }

    /** A signed link and the instant it stops being good. */
    record Link(String value, Instant expiresAt) {
    }

    /**
     * The person {@code link} was handed to, when it is a link of this server for the file {@code attachment}
     * (as named in the request's path) that has not expired; otherwise an unauthorized failure saying which.
     */
    Result<Identity> verify(String link, String attachment) {
        if (link == null || link.isEmpty() || link.length() > MAX_LENGTH || attachment == null || !Ids.isWellFormed(attachment)) {
            return refused(NOT_VALID);
        }
        String[] parts = link.split("\\.", -1);
        if (parts.length != 5) {
            return refused(NOT_VALID);
        }
        String payload = link.substring(0, link.lastIndexOf('.'));
        // the mac's text as this server writes it, compared as text: a decoder ignores the unused low bits of a last
        // base64 character, so comparing decoded bytes would take several spellings of one link
        byte[] presented = parts[4].getBytes(StandardCharsets.US_ASCII);
        byte[] expected = ENCODER.encodeToString(mac(attachment, payload)).getBytes(StandardCharsets.US_ASCII);
        // timing-safe: how much of a forged mac was right must not show in how long the refusal took
        if (!MessageDigest.isEqual(presented, expected)) {
            return refused(NOT_VALID);
        }
        // signed by this server: what follows can only fail for a link of another version of it
        Identity identity;
        try {
            UserId user = UserId.of(decode(parts[0]));
            Role role = new Role(decode(parts[1]), RoleKind.valueOf(parts[2]));
            identity = new Identity(user, role, null, Instant.ofEpochMilli(Long.parseLong(parts[3])));
        } catch (RuntimeException e) {
            return refused(NOT_VALID);
        }
        Instant now = clock.instant();
        if (!now.isBefore(identity.expiresAt())) {
            return refused(EXPIRED);
        }
        if (identity.expiresAt().isAfter(now.plus(TTL))) {
            return refused(NOT_VALID);
        }
        return Result.ok(identity);
    }

    /** The links of one file, as the token check of the authentication use case sees them. */
    TokenVerifier verifierFor(String attachment) {
        return link -> verify(link, attachment);
    }

    private byte[] mac(String attachment, String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            // the attachment id never holds '|' (nor does the payload), so the two cannot be shifted into each other
            return mac.doFinal((PURPOSE + attachment + "|" + payload).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static String encode(String text) {
        return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String part) {
        return new String(DECODER.decode(part), StandardCharsets.UTF_8);
    }

    private static Result<Identity> refused(String why) {
        return Result.err(new ChatFailure.Unauthorized(why));
    }
}
