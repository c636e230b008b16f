package org.carechat.application.port;

/** Hands out new ids: unique, opaque, roughly ordered by time. */
public interface IdGenerator {

    /** A new id of letters and digits. */
    String newId();
}
