package com.example.paymentflow.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.paymentflow.PaymentflowWebhooksApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One more instance of the whole service in this JVM, started and stopped by a test: for restarts and for several
 * instances on one database. Same routes and configuration as the other tests; JMX is off so that instances do not
 * clash over MBean names.
 */
public final class RunningService implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningService(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts an instance on the given database with the test ERP and mail server. */
    public static RunningService start(String databaseUrl, String... extraProperties) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", databaseUrl);
        for (String property : extraProperties) {
            int equals = property.indexOf('=');
            properties.put(property.substring(0, equals), property.substring(equals + 1));
        }
        return startWith(properties);
    }

    public static RunningService startWith(Map<String, String> settings) {
        TestEnvironment env = TestEnvironment.get();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("paymentflow.erp.url", env.erpUrl());
        properties.put("paymentflow.mail.host", "127.0.0.1");
        properties.put("paymentflow.mail.port", String.valueOf(env.smtpPort()));
        properties.put("spring.jmx.enabled", "false");
        properties.put("camel.main.jmx-enabled", "false");
        properties.putAll(settings);
        List<String> args = new ArrayList<>();
        args.add("--" + EndToEndTest.TEST_CONFIG);
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(PaymentflowWebhooksApplication.class)
                .profiles("test")
                .run(args.toArray(String[]::new));
        return new RunningService(context);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public WebhookClient paymentflow() {
        return new WebhookClient(baseUrl());
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
