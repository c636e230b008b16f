package org.carechat.adapter.sqlite;

/**
 * Hears the text of every statement a session runs (never its parameters, so never content). The store runs
 * with {@link #NONE}; tests listen to check which queries the stores really run and how SQLite answers them.
 */
@FunctionalInterface
interface StatementLog {
    StatementLog NONE = sql -> { };

    void executing(String sql);
}
