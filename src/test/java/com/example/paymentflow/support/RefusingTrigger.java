package com.example.paymentflow.support;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A trigger that makes PostgreSQL refuse some inserts into (or updates of) a table (RAISE EXCEPTION, SQLSTATE P0001), as a table's
 * owner might add one: only rows whose column starts with a prefix, so that other tests' rows pass. Dropped on close.
 */
public final class RefusingTrigger implements AutoCloseable {

    private final JdbcTemplate jdbc;
    private final String name;
    private final String table;

    private RefusingTrigger(JdbcTemplate jdbc, String name, String table) {
        this.jdbc = jdbc;
        this.name = name;
        this.table = table;
    }

    /** Refuses inserts into the table whose column starts with the prefix, with the message. */
    public static RefusingTrigger refuse(JdbcTemplate jdbc, String table, String column, String prefix,
                                         String message) {
        return create(jdbc, "INSERT", table, column, prefix, message);
    }

    /** Refuses updates of the table's rows whose column starts with the prefix, with the message. */
    public static RefusingTrigger refuseUpdates(JdbcTemplate jdbc, String table, String column, String prefix,
                                                String message) {
        return create(jdbc, "UPDATE", table, column, prefix, message);
    }

    private static RefusingTrigger create(JdbcTemplate jdbc, String operation, String table, String column,
                                          String prefix, String message) {
        String name = "refuse_" + operation.toLowerCase() + "_" + table + "_" + column;
        jdbc.execute("""
                CREATE FUNCTION %1$s() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.%2$s LIKE '%3$s%%' THEN
                        RAISE EXCEPTION '%4$s';
                    END IF;
                    RETURN NEW;
                END $$""".formatted(name, column, prefix.replace("_", "\\_"), message.replace("'", "''")));
        jdbc.execute("CREATE TRIGGER %1$s BEFORE %3$s ON %2$s FOR EACH ROW EXECUTE FUNCTION %1$s()"
                .formatted(name, table, operation));
        return new RefusingTrigger(jdbc, name, table);
    }

    @Override
    public void close() {
        jdbc.execute("DROP TRIGGER IF EXISTS " + name + " ON " + table);
        jdbc.execute("DROP FUNCTION IF EXISTS " + name + "()");
    }
}
