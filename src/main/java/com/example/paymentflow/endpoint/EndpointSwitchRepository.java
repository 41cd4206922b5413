package com.example.paymentflow.endpoint;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The switch's one row, and its history, in the database that every instance shares. */
@Repository
public class EndpointSwitchRepository {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public EndpointSwitchRepository(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    public EndpointState current() {
        return jdbc.queryForObject("SELECT enabled, reason, changed_by, changed_at FROM endpoint_switch",
                EndpointSwitchRepository::state);
    }

    /** Sets the switch and records the change, in one transaction. */
    public EndpointState change(boolean enabled, String reason, String by) {
        return transaction.execute(status -> {
            jdbc.update("INSERT INTO endpoint_switch_changes (enabled, reason, changed_by) VALUES (?, ?, ?)",
                    enabled, reason, by);
            return jdbc.queryForObject("""
                    UPDATE endpoint_switch SET enabled = ?, reason = ?, changed_by = ?, changed_at = now()
                    RETURNING enabled, reason, changed_by, changed_at""",
                    EndpointSwitchRepository::state, enabled, reason, by);
        });
    }

    private static EndpointState state(ResultSet row, int number) throws SQLException {
        return new EndpointState(row.getBoolean("enabled"), row.getString("reason"),
                row.getObject("changed_at", OffsetDateTime.class).toInstant(), row.getString("changed_by"));
    }
}
