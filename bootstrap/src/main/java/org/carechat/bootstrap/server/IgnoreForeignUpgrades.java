package org.carechat.bootstrap.server;

import java.io.IOException;
import java.util.Locale;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.HttpEvents.IncomingHttpUpgradeEvent;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Answers a request that offers an upgrade we do not speak (Java's HttpClient offers {@code Upgrade: h2c}
 * on every first request) as the plain HTTP/1.1 request it also is, as RFC 9110 section 7.8 asks.
 * Without this, Grizzly stops decoding the request body once it sees any {@code Upgrade} header and the
 * request hangs until a timeout (eclipse-ee4j/glassfish-grizzly issues 1972 and 2117). WebSocket
 * upgrades pass untouched to Tyrus.
 */
final class IgnoreForeignUpgrades implements AddOn {

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int codec = builder.indexOfType(HttpServerFilter.class);
        if (codec < 0) {
            throw new IllegalStateException("no HTTP codec in the filter chain");
        }
        builder.add(codec + 1, new Filter());
    }

    private static final class Filter extends BaseFilter {
        @Override
        public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws IOException {
            if (event.type() == IncomingHttpUpgradeEvent.TYPE) {
                HttpHeader header = ((IncomingHttpUpgradeEvent) event).getHttpHeader();
                String offered = header.getUpgrade();
                if (offered == null || !offered.toLowerCase(Locale.ROOT).contains("websocket")) {
                    header.getUpgradeDC().recycle();
                    header.setIgnoreContentModifiers(false);
                    return ctx.getStopAction();
                }
            }
            return ctx.getInvokeAction();
        }
    }
}
