package org.carechat.adapter.sqlite;

import java.sql.SQLException;

/**
 * Work done on one connection: any number of statements, reads and writes. A write operation is one of these,
 * run by the {@link SqliteWriter} inside the transaction of its batch; a read is one run on a reader's
 * connection.
 *
 * @param <T> what the work answers
 */
@FunctionalInterface
interface SqlFunction<T> {
    T apply(Session session) throws SQLException;
}
