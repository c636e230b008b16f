package org.carechat.bootstrap.server;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import org.carechat.adapter.jwt.JwtSettings;
import org.carechat.adapter.rest.RestSettings;
import org.carechat.adapter.websocket.WebSocketSettings;
import org.carechat.application.ChatSettings;
import org.carechat.application.limits.RateLimits;
import org.carechat.bootstrap.config.ConfigException;
import org.carechat.bootstrap.config.ServerConfig;
import org.carechat.domain.attachment.AttachmentRules;
import org.carechat.domain.care.BreakGlassPolicy;
import org.carechat.domain.care.CarePolicy;
import org.carechat.domain.message.MessageRules;
import org.carechat.domain.message.UrgentFollowUp;
import org.carechat.domain.retention.RetentionPolicy;
import org.carechat.domain.user.Roles;
import org.carechat.wire.WireLimits;

/** Turns the one configuration record into the settings each part of the server takes. */
final class Settings {
    private Settings() {
    }

    static Roles roles(ServerConfig config) {
        try {
            return Roles.withClinicians(config.clinicianRoles());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("CHAT_CLINICIAN_ROLES: " + e.getMessage());
        }
    }

    static ChatSettings chat(ServerConfig config) {
        return ChatSettings.standard()
                .withRoles(roles(config))
                .withCarePolicy(new CarePolicy(config.clinicianConsults()))
                .withMessageRules(new MessageRules(config.maxTextLength(), config.editWindow(), config.urgentNotice(),
                        new UrgentFollowUp.Policy(config.urgentRemindAfter(), config.urgentEscalateAfter())))
                .withAttachmentRules(new AttachmentRules(config.maxAttachmentBytes(), AttachmentRules.standard().allowed(),
                        config.attachmentQuotaBytes(), config.unreferencedAttachmentTtl()))
                .withMaxPageLimit(config.pageLimit())
                .withTypingTtl(config.typingTtl())
                .withRingTimeout(config.ringTimeout())
                .withCallDisconnectGrace(config.callDisconnectGrace())
                .withMaxCallDuration(config.callMaxDuration())
                .withBreakGlass(new BreakGlassPolicy(config.breakGlassDuration(), config.breakGlassAnnounce()))
                .withRetention(new RetentionPolicy(config.retention(), config.auditRetention()))
                .withRateLimits(new RateLimits(new RateLimits.Budget(config.ratePerSecond(), config.rateBurst()),
                        new RateLimits.Budget(config.adminRatePerSecond(), config.adminRateBurst())));
    }

    static WireLimits wire(ServerConfig config) {
        long largest = Math.max(config.maxFrameBytes(), config.maxBodyBytes());
        return new WireLimits(config.jsonMaxDepth(), (int) Math.min(Integer.MAX_VALUE, largest), largest);
    }

    static WebSocketSettings webSocket(ServerConfig config) {
        try {
            return new WebSocketSettings("/ws", config.maxFrameBytes(), config.outboundQueue(), config.pingInterval(),
                    config.idleTimeout(), config.allowedOrigins(),
                    config.maxSocketsPerUser(), config.maxSockets());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("CHAT_ALLOWED_ORIGINS or a WebSocket limit: " + e.getMessage(), e);
        }
    }

    static RestSettings rest(ServerConfig config) {
        try {
            return new RestSettings(config.maxBodyBytes(), config.allowedOrigins(), config.metricsToken(), config.iceServers(),
                    config.webIdleSignOut());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("CHAT_ALLOWED_ORIGINS or CHAT_METRICS_TOKEN: " + e.getMessage(), e);
        }
    }

    /** The token settings; {@code demoSecret} is used only when the configuration names no key (demo mode). */
    static JwtSettings jwt(ServerConfig config, byte[] demoSecret) {
        Roles roles = roles(config);
        JwtSettings settings;
        try {
            if (config.jwtSecret() != null) {
                requireAlgorithm(config, JwtSettings.Algorithm.HS256);
                settings = JwtSettings.hs256(config.jwtSecret().getBytes(StandardCharsets.UTF_8), roles);
            } else if (config.jwtPublicKey() != null) {
                settings = JwtSettings.publicKeyPem(asymmetric(config), pem(config.jwtPublicKey()), roles);
            } else if (config.jwtJwks() != null) {
                settings = JwtSettings.jwks(asymmetric(config), config.jwtJwks(), roles);
            } else {
                settings = JwtSettings.hs256(demoSecret, roles);
            }
            if (config.jwtIssuer() != null) {
                settings = settings.withIssuer(config.jwtIssuer());
            }
            if (config.jwtAudience() != null) {
                settings = settings.withAudience(config.jwtAudience());
            }
            return settings.withClaims(config.jwtSubjectClaim(), config.jwtRoleClaim()).withRoleMap(config.jwtRoleMap());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private static void requireAlgorithm(ServerConfig config, JwtSettings.Algorithm expected) {
        if (config.jwtAlgorithm() != null && JwtSettings.Algorithm.parse(config.jwtAlgorithm()) != expected) {
            throw new ConfigException("CHAT_JWT_ALGORITHM " + config.jwtAlgorithm() + " does not fit CHAT_JWT_SECRET (HS256)");
        }
    }

    private static JwtSettings.Algorithm asymmetric(ServerConfig config) {
        JwtSettings.Algorithm algorithm = config.jwtAlgorithm() == null ? JwtSettings.Algorithm.RS256
                : JwtSettings.Algorithm.parse(config.jwtAlgorithm());
        if (algorithm == JwtSettings.Algorithm.HS256) {
            throw new ConfigException("HS256 needs CHAT_JWT_SECRET, not a public key");
        }
        return algorithm;
    }

    /** PEM text as given, or read from the file the value names. */
    private static String pem(String value) {
        if (value.contains("-----BEGIN")) {
            return value;
        }
        try {
            return Files.readString(Path.of(value));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("CHAT_JWT_PUBLIC_KEY is neither PEM text nor a readable PEM file", e);
        }
    }
}
