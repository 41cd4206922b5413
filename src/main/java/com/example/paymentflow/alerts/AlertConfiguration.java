package com.example.paymentflow.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.example.paymentflow.delivery.DeliveryDestinations;
import com.example.paymentflow.delivery.DestinationPauses;
import com.example.paymentflow.logging.SummarizedLogs;
import com.example.paymentflow.operations.DeliveryCountGauges;
import com.example.paymentflow.operations.DestinationHealthRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The alert checks, the channels that ALERT_EMAIL_TO and ALERT_WEBHOOK_URL switch on, and where alerts go out. */
@Configuration(proxyBeanMethods = false)
public class AlertConfiguration {

    @Bean
    AlertOutbox alertOutbox(AlertProperties alerts, ProducerTemplate camel, MeterRegistry meters,
                            SummarizedLogs logs) {
        List<AlertChannel> channels = new ArrayList<>();
        if (alerts.emails()) {
            channels.add(RouteAlertChannel.email(camel));
        }
        if (alerts.posts()) {
            channels.add(RouteAlertChannel.webhook(camel));
        }
        return new AlertOutbox(channels, alerts.retry(), meters, logs, Clock.systemUTC());
    }

    @Bean
    AlertMonitor alertMonitor(AlertProperties alerts, AlertOutbox outbox, JdbcTemplate jdbc,
                              NamedParameterJdbcTemplate namedJdbc, PlatformTransactionManager transactions,
                              MeterRegistry meters, DeliveryCountGauges backlog, DestinationPauses pauses,
                              DestinationHealthRecorder destinations, DeliveryDestinations routes) {
        String instance = alerts.instance();
        OpenAlerts open = new OpenAlerts(jdbc, pauses, outbox);
        return new AlertMonitor(
                new DatabaseReachability(jdbc, outbox, alerts.databaseUnreachable().after(), instance, meters),
                List.of(new SignatureRefusalSurge(meters, outbox, alerts.signatureRefusals(), instance,
                        Instant.now())),
                destinations,
                List.of(new DeadDeliveryAlerts(namedJdbc, new TransactionTemplate(transactions), backlog, outbox,
                                alerts.deadDeliveries().groupWithin(), instance),
                        new FailingDestinationAlerts(destinations, backlog, open, alerts.failingDestination().after(),
                                instance),
                        new DeliveryBacklogAlerts(backlog, destinations, routes, open, alerts.backlog().oldestDueAfter(),
                                instance)),
                alerts.checkInterval(), Clock.systemUTC());
    }
}
