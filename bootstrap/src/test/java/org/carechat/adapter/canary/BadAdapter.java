package org.carechat.adapter.canary;

import org.carechat.adapter.inmemory.InMemoryDirectory;

/** Deliberately breaks the rules: an adapter built on another adapter. Only the architecture canary imports it. */
public final class BadAdapter {
    private final InMemoryDirectory directory = new InMemoryDirectory();

    public Object directory() {
        return directory;
    }
}
