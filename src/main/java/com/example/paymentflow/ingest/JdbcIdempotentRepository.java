package com.example.paymentflow.ingest;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Camel idempotent repository on the {@code idempotency_keys} table (primary key: processor name and key).
 * <p>
 * {@link #add} is a single {@code INSERT ... ON CONFLICT DO NOTHING}: race-free, and it never aborts the
 * surrounding transaction on a duplicate. It joins the caller's Spring transaction, so a key is only kept if the
 * work it guards commits; a concurrent copy of the same key waits on the row lock and then sees the outcome.
 */
public class JdbcIdempotentRepository extends ServiceSupport implements IdempotentRepository {

    private final JdbcTemplate jdbc;
    private final String processorName;

    public JdbcIdempotentRepository(JdbcTemplate jdbc, String processorName) {
        this.jdbc = jdbc;
        this.processorName = processorName;
    }

    @Override
    public boolean add(String key) {
        return jdbc.update("INSERT INTO idempotency_keys (processor_name, message_id) VALUES (?, ?) "
                + "ON CONFLICT DO NOTHING", processorName, key) == 1;
    }

    @Override
    public boolean contains(String key) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM idempotency_keys "
                + "WHERE processor_name = ? AND message_id = ?)", Boolean.class, processorName, key));
    }

    @Override
    public boolean remove(String key) {
        return jdbc.update("DELETE FROM idempotency_keys WHERE processor_name = ? AND message_id = ?",
                processorName, key) == 1;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        jdbc.update("DELETE FROM idempotency_keys WHERE processor_name = ?", processorName);
    }
}
