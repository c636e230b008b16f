package org.carechat.bootstrap.config;

/** The configuration cannot be used; the message says which setting and why, never a secret's value. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
