package org.carechat.adapter.rest;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.carechat.application.CareChatCore;
import org.carechat.application.auth.AuthenticateUseCase;
import org.carechat.application.port.StoreProbe;
import org.carechat.wire.Metrics;
import org.carechat.wire.WireJson;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The REST door of CareChat: {@code /api/chat}, {@code /api/admin}, {@code /api/openapi.json},
 * {@code /health} and {@code /metrics}, as one Jersey application. The bootstrap mounts
 * {@link #resourceConfig()} at {@code /} next to the WebSocket door; nothing here claims {@code /ws}.
 */
public final class RestApi {
    private final CareChatCore core;
    private final AuthenticateUseCase auth;
    private final WireJson json;
    private final RestSettings settings;
    private final Metrics metrics;
    private final StoreProbe store;
    private final Clock clock;
    private final AttachmentLinks links;
    /** Whether this node reaches the other nodes of its cluster; null for a server on its own. */
    private volatile java.util.function.BooleanSupplier cluster;

    /**
     * Each instance makes its own key for the short-lived download links ({@link AttachmentLinks}): links of one
     * instance are not good at another, nor after a restart.
     */
    public RestApi(CareChatCore core, AuthenticateUseCase auth, WireJson json, RestSettings settings, Metrics metrics,
                   StoreProbe store, Clock clock) {
        this.core = Objects.requireNonNull(core, "core");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.json = Objects.requireNonNull(json, "json");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.links = new AttachmentLinks(clock);
    }

    /** This server is a node of a cluster: {@code /health} says whether it reaches the others ({@code DEGRADED} if not). */
    public RestApi inCluster(java.util.function.BooleanSupplier reachesOthers) {
        this.cluster = Objects.requireNonNull(reachesOthers, "reachesOthers");
        return this;
    }

    /** A new Jersey application with every resource, the JSON bodies, the filters and the one problem mapper. */
    public ResourceConfig resourceConfig() {
        ResourceConfig config = new ResourceConfig();
        config.setApplicationName("carechat-rest");
        // only what is registered here: no classpath scanning, no auto-discovered JSON providers, no WADL
        config.property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        config.property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.BV_FEATURE_DISABLE, true);
        // Locations stay relative (/api/chat/...), correct behind any reverse proxy
        config.property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);

        config.register(new JsonBodies(json, settings.maxJsonBodyBytes()));
        config.register(new ProblemMapper(metrics));
        config.register(new Cors(settings.allowedOrigins()));
        config.register(new AuthenticationFilter(auth, core.requestBudgets(), links, core::authentication));
        config.register(new KnownQueryParameters());
        config.register(new PrivateResponses());
        resources().forEach(config::register);
        return config;
    }

    /** The resource instances, each given the use cases it serves. */
    List<Object> resources() {
        return List.of(
                new ConversationResource(core.listConversations(), core.openConversation(), core.getConversation(),
                        core.readHistory(), core.sendMessage(), core.markRead(), core.setMuted(), core.setPinned(), metrics),
                new MessageResource(core.editMessage(), core.deleteMessage(), core.addReaction(), core.removeReaction(),
                        core.acknowledgeMessage()),
                new ChatResource(core.unreadCount(), core.queryPresence(), core.listContacts(), core.searchMessages(),
                        core.callHistory(), core.breakGlass()),
                new AttachmentResource(core.uploadAttachment(), core.downloadAttachment(), core.linkAttachment(), links),
                new ClientSettingsResource(settings, core.settings().messageRules()),
                new AdminResource(core.upsertUser(), core.openCareRelationship(), core.revokeCareRelationship(),
                        core.queryAudit(), core.exportConversation(), core.reviewBreakGlass(), clock),
                new RetentionResource(core.placeLegalHold(), core.liftLegalHold(), core.listLegalHolds(),
                        core.setConversationRetention(), core.clearConversationRetention()),
                new HealthResource(store, cluster, clock),
                new MetricsResource(metrics, settings.metricsToken()),
                new OpenApiResource());
    }
}
