package com.example.paymentflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server of the tests, one per test JVM. By default an embedded PostgreSQL (zonky), so that the
 * tests pass on a machine with nothing installed; when {@value #SERVER_URL_VARIABLE} names a server (a JDBC URL of
 * a database the user may create databases from, e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}),
 * that server. Either way every run, and every test that asks, gets a fresh database of its own, dropped at the end.
 */
public final class TestPostgres {

    public static final String SERVER_URL_VARIABLE = "PAYMENTFLOW_TEST_POSTGRES_URL";

    private static TestPostgres instance;

    private final String adminUrl;
    private final EmbeddedPostgres embedded;
    private final List<String> created = new ArrayList<>();

    private TestPostgres(String adminUrl, EmbeddedPostgres embedded) {
        this.adminUrl = adminUrl;
        this.embedded = embedded;
        Runtime.getRuntime().addShutdownHook(new Thread(this::dropAll, "drop-test-databases"));
    }

    public static synchronized TestPostgres get() {
        if (instance == null) {
            String external = System.getenv(SERVER_URL_VARIABLE);
            instance = external == null || external.isBlank() ? startEmbedded() : new TestPostgres(external, null);
        }
        return instance;
    }

    private static TestPostgres startEmbedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(Files.createTempDirectory("paymentflow-test-pg"))
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "300")
                    .start();
            return new TestPostgres(postgres.getJdbcUrl("postgres", "postgres"), postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL of the tests", e);
        }
    }

    /** A new, empty database; returns its JDBC URL (user and password in it, if any). */
    public synchronized String createDatabase() {
        String name = "pfw_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + name);
        created.add(name);
        return databaseUrl(name);
    }

    public String databaseUrl(String database) {
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        String params = query < 0 ? "" : adminUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(adminUrl);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + sql + "' on the test PostgreSQL", e);
        }
    }

    private synchronized void dropAll() {
        for (String name : created) {
            try {
                execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (RuntimeException ignored) {
                // the server may be gone already at JVM exit
            }
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException ignored) {
                // exiting anyway
            }
        }
    }
}
