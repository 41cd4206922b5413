package com.example.paymentflow.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The real parts around the service, one of each per test JVM: a database of its own on the test PostgreSQL, an
 * in-process HTTP ERP (WireMock) and an in-process SMTP server (GreenMail). Spring contexts of the tests are
 * cached and keep running, so they all point at these same servers; tests tell their data apart by event id.
 */
public final class TestEnvironment {

    public static final String ERP_PATH = "/erp/payment-events";

    private static TestEnvironment instance;

    private final String databaseUrl;
    private final WireMockServer erp;
    private final int smtpPort;
    private GreenMail mail;

    private TestEnvironment() {
        databaseUrl = TestPostgres.get().createDatabase();
        erp = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        erp.start();
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        smtpPort = mail.getSmtp().getPort();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            erp.stop();
            stopMail();
        }, "stop-test-servers"));
    }

    public static synchronized TestEnvironment get() {
        if (instance == null) {
            instance = new TestEnvironment();
        }
        return instance;
    }

    /** Points a Spring test context at these parts. */
    public static void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
        TestEnvironment env = get();
        registry.add("spring.datasource.url", env::databaseUrl);
        registry.add("paymentflow.erp.url", env::erpUrl);
        registry.add("paymentflow.mail.host", () -> "127.0.0.1");
        registry.add("paymentflow.mail.port", env::smtpPort);
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    public WireMockServer erp() {
        return erp;
    }

    public String erpUrl() {
        return "http://127.0.0.1:" + erp.port() + ERP_PATH;
    }

    public synchronized GreenMail mail() {
        return mail;
    }

    public int smtpPort() {
        return smtpPort;
    }

    /** Takes the mail server down; the service then cannot deliver mail until {@link #startMail()}. */
    public synchronized void stopMail() {
        if (mail != null) {
            mail.stop();
            mail = null;
        }
    }

    /** Brings the mail server back on the same port. */
    public synchronized void startMail() {
        if (mail == null) {
            mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
        }
    }
}
