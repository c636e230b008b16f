package org.carechat.bootstrap.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.carechat.wire.Metrics;

/**
 * Wraps a store port so that every call's duration lands in the store latency histogram of /metrics,
 * labelled {@code port.method} ({@code messages.append}). Any store, any port, one place.
 */
final class TimedPorts {
    private TimedPorts() {
    }

    static <T> T timed(Class<T> port, T target, Metrics metrics) {
        String prefix = port.getSimpleName().substring(0, 1).toLowerCase(Locale.ROOT) + port.getSimpleName().substring(1);
        Map<Method, String> labels = new ConcurrentHashMap<>();
        Object proxy = Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(target, args);
            }
            long start = System.nanoTime();
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                metrics.storeCall(labels.computeIfAbsent(method, m -> prefix + "." + m.getName()), System.nanoTime() - start);
            }
        });
        return port.cast(proxy);
    }
}
