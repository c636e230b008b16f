package org.carechat.domain.attachment;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the first bytes of a file show: the types it can be, and whether its whole content must be looked at to
 * tell which (or to prove it: text must be text to its end). No candidate: a type CareChat does not accept.
 *
 * @param candidates the types the file may be; exactly one when no inspection is needed
 * @param inspection how the whole content decides, or {@link Inspection#NONE} when the first bytes did
 */
public record Sniff(Set<FileType> candidates, Inspection inspection) {
    public Sniff {
        candidates = candidates.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(candidates));
        if (inspection == null) {
            throw new NullPointerException("inspection");
        }
        if (inspection == Inspection.NONE && candidates.size() > 1) {
            throw new IllegalArgumentException("several candidates need an inspection");
        }
    }

    static Sniff unknown() {
        return new Sniff(Set.of(), Inspection.NONE);
    }

    static Sniff of(FileType type) {
        return new Sniff(Set.of(type), Inspection.NONE);
    }

    static Sniff inspect(Inspection inspection, FileType... candidates) {
        return new Sniff(Set.of(candidates), inspection);
    }

    public boolean isKnown() {
        return !candidates.isEmpty();
    }

    /** The one type, when the first bytes decided. */
    public FileType decided() {
        if (inspection != Inspection.NONE || candidates.size() != 1) {
            throw new IllegalStateException("the first bytes did not decide: " + this);
        }
        return candidates.iterator().next();
    }
}
