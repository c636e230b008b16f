package org.carechat.domain.canary;

import org.carechat.adapter.inmemory.InMemoryMessages;

/** Deliberately breaks the rules: a domain class that knows an adapter. Only the architecture canary imports it. */
public final class BadDomainClass {
    private final InMemoryMessages store = new InMemoryMessages();

    public Object store() {
        return store;
    }
}
