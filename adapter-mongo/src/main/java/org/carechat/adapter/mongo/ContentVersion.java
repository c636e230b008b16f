package org.carechat.adapter.mongo;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

/**
 * The version {@code v} that a stored message or conversation carries: a fingerprint of the rest of its
 * document (the first 128 bits of the SHA-256 of its BSON, as base64url text). So the version follows from
 * the content alone, and a writer that knows only what it read (a domain object, which has no version) knows
 * the version to compare with: a compare-and-set filtered by {@code _id} and {@code v} replaces the document
 * only if it still holds exactly what was read, up to a collision of the hash. The filter names exactly the
 * keys of the unique index {@code (_id, v)}, so mongo-java-server finds the document through it instead of
 * reading the whole collection, which it does for a filter on {@code _id} and any other field
 * ({@link MongoIndexes}).
 *
 * <p>A content that comes back (a reaction added and removed) comes back with its version: a compare-and-set
 * from it then succeeds, which is right, since it compares content. Documents written by an earlier version
 * of this adapter carry a counter instead; a writer that misses on one compares the stored content itself
 * and then sets by the stored {@code v}, which rewrites the document with its fingerprint.
 */
final class ContentVersion {
    static final String FIELD = "v";
    private static final int BYTES = 16;
    private static final DocumentCodec CODEC = new DocumentCodec();

    private ContentVersion() {
    }

    /** Appends {@code v}, the fingerprint of every field already in {@code document}, and returns the document. */
    static Document stamp(Document document) {
        if (document.containsKey(FIELD)) {
            throw new IllegalArgumentException("the document already has a version");
        }
        return document.append(FIELD, of(document));
    }

    /** The fingerprint of {@code document}, all of its fields in their order. */
    static String of(Document document) {
        ByteBuffer bson = new RawBsonDocument(document, CODEC).getByteBuffer().asNIO();
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(bson);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha256.digest(), BYTES));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
