package com.example.paymentflow.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code spring.datasource.url} (SPRING_DATASOURCE_URL), the service starts its own PostgreSQL and keeps
 * its data in a folder, so that a restart remembers the events it has processed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedPostgresConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException {
        Path dataDirectory = Path.of(properties.dataDirectory()).toAbsolutePath();
        Files.createDirectories(dataDirectory.getParent());
        stopLeftoverServer(dataDirectory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // stopped by this bean's close, after everything that uses it: its own JVM shutdown hook stopped it
                // at once on SIGTERM, while deliveries in flight still had their outcomes to record
                .setRegisterShutdownHook(false)
                .start();
        LOG.info("No SPRING_DATASOURCE_URL given: started an embedded PostgreSQL on port {} with its data in {}",
                postgres.getPort(), dataDirectory);
        return postgres;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        return DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .url(postgres.getJdbcUrl("postgres", "postgres"))
                .username("postgres")
                .build();
    }

    /**
     * A service killed with SIGKILL leaves its embedded server running on the data directory, and a new server
     * cannot start there; stop the one named in postmaster.pid, if it still runs.
     */
    private static void stopLeftoverServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
            return;
        }
        ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false))
                .ifPresent(leftover -> {
                    LOG.warn("Stopping the embedded PostgreSQL (pid {}) left running by an earlier process",
                            leftover.pid());
                    leftover.destroy();
                    leftover.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                });
    }
}
