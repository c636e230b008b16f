package org.carechat.adapter.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How to reach the MongoDB that keeps CareChat's data, and how careful every write and read is.
 *
 * <ul>
 *   <li>{@code connectionString}: {@code mongodb://...} or {@code mongodb+srv://...}; it may hold credentials,
 *       which {@link #toString()} never shows.</li>
 *   <li>{@code databaseName}: default {@value #DEFAULT_DATABASE}.</li>
 *   <li>{@code writeConcern}: {@code majority} (default), {@code w1}, or a number of members; every write also
 *       waits for the journal, so an acknowledged write survives a crash of the database.</li>
 *   <li>{@code readConcern}: {@code majority} (default: only data that a failover cannot roll back),
 *       {@code local}, {@code available}, {@code linearizable} or {@code default} (the server's).</li>
 *   <li>{@code timeout}: how long an operation may wait to find the database, connect, get a connection and
 *       read an answer (default 3 s); an outage is answered as unavailable within about that time.</li>
 *   <li>{@code probeTimeout}: the same for the health probe (default 1 s).</li>
 *   <li>{@code peopleCacheTtl}: how long a directory entry or care relationship read from the database is
 *       answered from memory (default 10 s; zero reads every time). This process's own saves replace its copy
 *       when they are committed; a save by another process is seen here once the copy expires
 *       ({@link PeopleCopy}).</li>
 * </ul>
 */
public record MongoStoreSettings(String connectionString, String databaseName, String writeConcern, String readConcern,
                                 Duration timeout, Duration probeTimeout, Duration peopleCacheTtl) {
    public static final String DEFAULT_DATABASE = "carechat";
    public static final String DEFAULT_WRITE_CONCERN = "majority";
    public static final String DEFAULT_READ_CONCERN = "majority";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_PEOPLE_CACHE_TTL = Duration.ofSeconds(10);
    private static final Duration MAX_PEOPLE_CACHE_TTL = Duration.ofHours(1);
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
    private static final String FORBIDDEN_IN_DATABASE_NAME = "/\\. \"$*<>:|?\0";

    public MongoStoreSettings {
        Objects.requireNonNull(connectionString, "connectionString");
        Objects.requireNonNull(databaseName, "databaseName");
        Objects.requireNonNull(writeConcern, "writeConcern");
        Objects.requireNonNull(readConcern, "readConcern");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(probeTimeout, "probeTimeout");
        Objects.requireNonNull(peopleCacheTtl, "peopleCacheTtl");
        parseConnectionString(connectionString);
        requireValidDatabaseName(databaseName);
        parseWriteConcern(writeConcern);
        parseReadConcern(readConcern);
        requireTimeout(timeout, "timeout");
        requireTimeout(probeTimeout, "probeTimeout");
        if (peopleCacheTtl.isNegative() || peopleCacheTtl.compareTo(MAX_PEOPLE_CACHE_TTL) > 0) {
            throw new IllegalArgumentException("peopleCacheTtl must be between 0 and " + MAX_PEOPLE_CACHE_TTL.toMinutes()
                    + " min");
        }
    }

    /** The defaults, for the database at {@code connectionString}. */
    public static MongoStoreSettings of(String connectionString) {
        return new MongoStoreSettings(connectionString, DEFAULT_DATABASE, DEFAULT_WRITE_CONCERN, DEFAULT_READ_CONCERN,
                DEFAULT_TIMEOUT, DEFAULT_PROBE_TIMEOUT, DEFAULT_PEOPLE_CACHE_TTL);
    }

    public MongoStoreSettings withDatabaseName(String name) {
        return new MongoStoreSettings(connectionString, name, writeConcern, readConcern, timeout, probeTimeout, peopleCacheTtl);
    }

    public MongoStoreSettings withWriteConcern(String concern) {
        return new MongoStoreSettings(connectionString, databaseName, concern, readConcern, timeout, probeTimeout, peopleCacheTtl);
    }

    public MongoStoreSettings withReadConcern(String concern) {
        return new MongoStoreSettings(connectionString, databaseName, writeConcern, concern, timeout, probeTimeout, peopleCacheTtl);
    }

    public MongoStoreSettings withTimeout(Duration value) {
        return new MongoStoreSettings(connectionString, databaseName, writeConcern, readConcern, value, probeTimeout, peopleCacheTtl);
    }

    public MongoStoreSettings withProbeTimeout(Duration value) {
        return new MongoStoreSettings(connectionString, databaseName, writeConcern, readConcern, timeout, value, peopleCacheTtl);
    }

    public MongoStoreSettings withPeopleCacheTtl(Duration value) {
        return new MongoStoreSettings(connectionString, databaseName, writeConcern, readConcern, timeout, probeTimeout, value);
    }

    ConnectionString parsedConnectionString() {
        return parseConnectionString(connectionString);
    }

    WriteConcern parsedWriteConcern() {
        return parseWriteConcern(writeConcern);
    }

    ReadConcern parsedReadConcern() {
        return parseReadConcern(readConcern);
    }

    /** Never shows the connection string's credentials. */
    @Override
    public String toString() {
        return "MongoStoreSettings[hosts=" + parseConnectionString(connectionString).getHosts()
                + ", databaseName=" + databaseName + ", writeConcern=" + writeConcern + ", readConcern=" + readConcern
                + ", timeout=" + timeout + ", probeTimeout=" + probeTimeout + ", peopleCacheTtl=" + peopleCacheTtl + "]";
    }

    private static ConnectionString parseConnectionString(String value) {
        try {
            return new ConnectionString(value);
        } catch (IllegalArgumentException e) {
            // The driver's message may quote the string, and the string may hold a password.
            throw new IllegalArgumentException("not a valid MongoDB connection string (mongodb://host:port/...)");
        }
    }

    private static void requireValidDatabaseName(String name) {
        if (name.isEmpty() || name.length() > 63 || name.chars().anyMatch(c -> FORBIDDEN_IN_DATABASE_NAME.indexOf(c) >= 0)) {
            throw new IllegalArgumentException("not a valid MongoDB database name: " + name);
        }
    }

    private static WriteConcern parseWriteConcern(String value) {
        String concern = value.trim().toLowerCase(Locale.ROOT);
        if (concern.equals("majority")) {
            return WriteConcern.MAJORITY.withJournal(true);
        }
        if (concern.equals("w1")) {
            return WriteConcern.W1.withJournal(true);
        }
        try {
            int members = Integer.parseInt(concern);
            if (members >= 1 && members <= 50) {
                return new WriteConcern(members).withJournal(true);
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below
        }
        throw new IllegalArgumentException("writeConcern must be majority, w1 or a number of members 1..50: " + value);
    }

    private static ReadConcern parseReadConcern(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "majority" -> ReadConcern.MAJORITY;
            case "local" -> ReadConcern.LOCAL;
            case "available" -> ReadConcern.AVAILABLE;
            case "linearizable" -> ReadConcern.LINEARIZABLE;
            case "default" -> ReadConcern.DEFAULT;
            default -> throw new IllegalArgumentException(
                    "readConcern must be majority, local, available, linearizable or default: " + value);
        };
    }

    private static void requireTimeout(Duration value, String name) {
        if (value.isNegative() || value.isZero() || value.compareTo(MAX_TIMEOUT) > 0 || value.toMillis() < 1) {
            throw new IllegalArgumentException(name + " must be between 1 ms and " + MAX_TIMEOUT.toMinutes() + " min");
        }
    }
}
