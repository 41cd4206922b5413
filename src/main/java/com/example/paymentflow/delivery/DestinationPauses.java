package com.example.paymentflow.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Which destinations an operator paused, in the database so that every instance obeys and a restart remembers:
 * {@link DeliveryQueue#claim} takes nothing for a paused destination, and its deliveries wait, still pending.
 */
@Repository
public class DestinationPauses {

    /** Why, by whom and since when a destination is paused. */
    public record Pause(String reason, String pausedBy, Instant pausedAt) {
    }

    private final JdbcTemplate jdbc;

    public DestinationPauses(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when it was paused already (the first pause and its reason stay) */
    public boolean pause(String destination, String reason, String by) {
        return jdbc.update("INSERT INTO paused_destinations (destination, reason, paused_by) VALUES (?, ?, ?) "
                + "ON CONFLICT (destination) DO NOTHING", destination, reason, by) == 1;
    }

    /** @return false when it was not paused */
    public boolean resume(String destination) {
        return jdbc.update("DELETE FROM paused_destinations WHERE destination = ?", destination) == 1;
    }

    /** destination -> its pause, for every paused destination. */
    public Map<String, Pause> all() {
        Map<String, Pause> paused = new TreeMap<>();
        jdbc.query("SELECT destination, reason, paused_by, paused_at FROM paused_destinations", row -> {
            paused.put(row.getString("destination"), new Pause(row.getString("reason"), row.getString("paused_by"),
                    row.getObject("paused_at", OffsetDateTime.class).toInstant()));
        });
        return paused;
    }
}
