package org.carechat.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the scenarios: {@code --name value} or {@code --flag}. Every option read is
 * remembered, so that a misspelt one is refused instead of silently ignored.
 */
public final class Args {
    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> read = new LinkedHashSet<>();

    public Args(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    values.put(name.substring(0, eq), name.substring(eq + 1));
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    values.put(name, args[++i]);
                } else {
                    values.put(name, "true");
                }
            } else {
                positional.add(arg);
            }
        }
    }

    public List<String> positional() {
        return positional;
    }

    public String text(String name, String fallback) {
        read.add(name);
        return values.getOrDefault(name, fallback);
    }

    public int integer(String name, int fallback) {
        String value = text(name, null);
        return value == null ? fallback : Integer.parseInt(value.replace("_", ""));
    }

    public double decimal(String name, double fallback) {
        String value = text(name, null);
        return value == null ? fallback : Double.parseDouble(value.replace("_", ""));
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(text(name, "false"));
    }

    /** {@code 90s}, {@code 2m}, {@code 500ms} or plain seconds. */
    public Duration duration(String name, Duration fallback) {
        String value = text(name, null);
        return value == null ? fallback : parseDuration(value);
    }

    static Duration parseDuration(String value) {
        String v = value.strip();
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
        }
        if (v.endsWith("m")) {
            return Duration.ofSeconds(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60));
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
    }

    /** Fails on options nobody asked for: a typo must not run a different benchmark than intended. */
    public void requireAllRead() {
        List<String> unknown = values.keySet().stream().filter(name -> !read.contains(name)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): " + unknown);
        }
    }
}
