package com.example.paymentflow.ingest;

import org.apache.camel.spi.IdempotentRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class IngestConfiguration {

    /** The idempotency store of PaymentFlow event ids, used by the ingest route's idempotent consumer. */
    @Bean
    IdempotentRepository paymentflowEventIds(JdbcTemplate jdbc) {
        return new JdbcIdempotentRepository(jdbc, "paymentflow-events");
    }
}
