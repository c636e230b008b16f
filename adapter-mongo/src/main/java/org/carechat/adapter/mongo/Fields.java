package org.carechat.adapter.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * Reading and writing the plain values of a stored document. Instants are stored as BSON dates, which
 * keep milliseconds: whatever is finer is cut off, on both MongoDB and mongo-java-server.
 */
final class Fields {
    private Fields() {
    }

    static Date date(Instant instant) {
        return instant == null ? null : new Date(instant.toEpochMilli());
    }

    /**
     * The first stored millisecond at or after {@code instant}: a bound of a time range over stored (whole
     * millisecond) instants that includes exactly the instants at or after {@code instant}.
     */
    static Date dateRoundedUp(Instant instant) {
        Instant truncated = instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return new Date(truncated.equals(instant) ? truncated.toEpochMilli() : truncated.toEpochMilli() + 1);
    }

    static Instant instant(Document document, String field) {
        Object value = document.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        throw new IllegalStateException("stored field " + field + " is not a date");
    }

    static Instant requiredInstant(Document document, String field) {
        return required(instant(document, field), field);
    }

    static long longValue(Document document, String field) {
        Object value = required(document.get(field), field);
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalStateException("stored field " + field + " is not a number");
    }

    static boolean booleanValue(Document document, String field) {
        return Boolean.TRUE.equals(document.get(field));
    }

    static String string(Document document, String field) {
        Object value = document.get(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new IllegalStateException("stored field " + field + " is not a string");
    }

    static String requiredString(Document document, String field) {
        return required(string(document, field), field);
    }

    static List<String> strings(Document document, String field) {
        List<?> values = document.getList(field, Object.class, List.of());
        List<String> strings = new ArrayList<>(values.size());
        for (Object value : values) {
            if (!(value instanceof String string)) {
                throw new IllegalStateException("stored field " + field + " holds something else than strings");
            }
            strings.add(string);
        }
        return strings;
    }

    static List<Document> documents(Document document, String field) {
        List<?> values = document.getList(field, Object.class, List.of());
        List<Document> documents = new ArrayList<>(values.size());
        for (Object value : values) {
            if (!(value instanceof Document element)) {
                throw new IllegalStateException("stored field " + field + " holds something else than documents");
            }
            documents.add(element);
        }
        return documents;
    }

    static Document document(Document document, String field) {
        Object value = document.get(field);
        if (value == null || value instanceof Document) {
            return (Document) value;
        }
        throw new IllegalStateException("stored field " + field + " is not a document");
    }

    /** Absent values are left out of the document rather than stored as null, so sparse indexes skip them. */
    static Document putIfPresent(Document document, String field, Object value) {
        if (value != null) {
            document.append(field, value);
        }
        return document;
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalStateException("stored document lacks " + field);
        }
        return value;
    }
}
