-- A script that fails half-way, for SqliteMigrationsTest: its first statement must not survive the second.
CREATE TABLE half_done (x INTEGER);
INSERT INTO no_such_table VALUES (1);
