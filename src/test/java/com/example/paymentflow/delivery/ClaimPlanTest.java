package com.example.paymentflow.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.example.paymentflow.support.RunningService;
import com.example.paymentflow.support.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claim reads the batch it takes, not every due delivery of its destination: with a backlog of 30,000, no step
 * of its plan (PostgreSQL's EXPLAIN ANALYZE, run and rolled back) handles more rows than the batch. Reading the whole
 * backlog at each claim made a drain slower the larger its backlog.
 */
class ClaimPlanTest {

    private static final int BACKLOG = 30_000;
    private static final int BATCH = 16;

    private static RunningService service;

    @BeforeAll
    static void startWithABacklog() {
        service = RunningService.start(TestPostgres.get().createDatabase(), "paymentflow.delivery.enabled=false");
        JdbcTemplate jdbc = service.jdbc();
        // as the ingest stores events that arrive together: in one statement, so all due at the same instant
        jdbc.update("""
                WITH events AS (
                    INSERT INTO inbound_events (event_id, event_type, payload, signature)
                    SELECT 'evt_claim_plan_' || n, 'payment.succeeded', convert_to('{}', 'UTF8'), 'v1=test'
                    FROM generate_series(1, ?) n
                    RETURNING event_id)
                INSERT INTO deliveries (event_id, destination) SELECT event_id, 'erp' FROM events""", BACKLOG);
        // the planner's statistics of both tables, as autovacuum keeps them
        jdbc.execute("ANALYZE deliveries, inbound_events");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    // a max-concurrency only makes the batch smaller (counted before the claim, DeliveryQueue.claim)
    static Stream<Arguments> rates() {
        return Stream.of(Arguments.of("no max-rate-per-second", null),
                Arguments.of("max-rate-per-second", RateWindow.of(100)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rates")
    void aClaimReadsNoMoreRowsThanItsBatch(String name, RateWindow rate) throws Exception {
        DeliveryQueue.ClaimStatement claim = service.bean(DeliveryQueue.class)
                .claimStatement("erp", BATCH, Duration.ofSeconds(30), rate);
        TransactionTemplate rolledBack = new TransactionTemplate(service.bean(PlatformTransactionManager.class));
        String plan = rolledBack.execute(status -> {
            status.setRollbackOnly();
            return service.jdbc().queryForObject("EXPLAIN (ANALYZE, FORMAT JSON) " + claim.sql(), String.class,
                    claim.arguments());
        });

        JsonNode root = new ObjectMapper().readTree(plan).get(0).get("Plan");
        assertThat(root.get("Actual Rows").asInt()).as("claimed").isEqualTo(BATCH);
        List<String> largerThanTheBatch = new ArrayList<>();
        collectNodesReadingMoreThan(BATCH, root, largerThanTheBatch);
        assertThat(largerThanTheBatch).as(plan).isEmpty();
    }

    private static void collectNodesReadingMoreThan(int rows, JsonNode node, List<String> found) {
        int read = node.path("Actual Rows").asInt() + node.path("Rows Removed by Filter").asInt();
        if (read > rows) {
            found.add(node.get("Node Type").asText() + " " + node.path("Index Name").asText("") + ": " + read);
        }
        node.path("Plans").forEach(child -> collectNodesReadingMoreThan(rows, child, found));
    }
}
