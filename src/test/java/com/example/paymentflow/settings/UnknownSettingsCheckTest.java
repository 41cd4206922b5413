package com.example.paymentflow.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.example.paymentflow.PaymentflowWebhooksApplication;
import com.example.paymentflow.support.CapturedLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A misspelt paymentflow setting, in a configuration file or an environment variable, is warned of at start-up,
 * naming where it was set and the setting it is nearest to; the shipped configuration and the documented variables
 * are not. The service's properties classes are bound from the shipped configuration with the dev profile, as the
 * service binds them.
 */
class UnknownSettingsCheckTest {

    /** The variables README.md documents (Settings), each with a value the service takes. */
    private static final Map<String, String> DOCUMENTED_VARIABLES = new LinkedHashMap<>();

    static {
        DOCUMENTED_VARIABLES.put("PAYMENTFLOW_RETENTION", "30d");
        DOCUMENTED_VARIABLES.put("PAYMENTFLOW_PURGE_INTERVAL", "5s");
        DOCUMENTED_VARIABLES.put("PAYMENTFLOW_PURGE_BATCH_SIZE", "1000");
        DOCUMENTED_VARIABLES.put("PAYMENTFLOW_DELIVERY_ENABLED", "true");
        DOCUMENTED_VARIABLES.put("PAYMENTFLOW_DELIVERY_POLL_INTERVAL", "500ms");
        DOCUMENTED_VARIABLES.put("PAYMENTFLOW_DELIVERY_BATCH_SIZE", "32");
        DOCUMENTED_VARIABLES.put("PAYMENTFLOW_DELIVERY_SHARE_WHILE_RECEIVING", "0.5");
        DOCUMENTED_VARIABLES.put("PAYMENTFLOW_DELIVERY_LEASE", "1m");
        DOCUMENTED_VARIABLES.put("PAYMENTFLOW_DELIVERY_MAX_CONCURRENCY", "16");
        DOCUMENTED_VARIABLES.put("PAYMENTFLOW_DELIVERY_DESTINATIONS_ERP_MAX_CONCURRENCY", "4");
        DOCUMENTED_VARIABLES.put("PAYMENTFLOW_DELIVERY_DESTINATIONS_ERP_MAX_RATE_PER_SECOND", "10");
        DOCUMENTED_VARIABLES.put("PAYMENTFLOW_DELIVERY_CIRCUIT_BREAKER_FAILURES", "20");
        DOCUMENTED_VARIABLES.put("PAYMENTFLOW_DELIVERY_CIRCUIT_BREAKER_OPEN_FOR", "1s");
        DOCUMENTED_VARIABLES.put("PAYMENTFLOW_DELIVERY_CIRCUIT_BREAKER_MAX_OPEN_FOR", "1m");
        DOCUMENTED_VARIABLES.put("PAYMENTFLOW_DELIVERY_RETRY_MAX_ATTEMPTS", "20");
        DOCUMENTED_VARIABLES.put("PAYMENTFLOW_WEBHOOK_STORE_WRITERS", "1");
        DOCUMENTED_VARIABLES.put("PAYMENTFLOW_WEBHOOK_STORE_BATCH_SIZE", "64");
    }

    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan(basePackageClasses = PaymentflowWebhooksApplication.class)
    static class ServiceSettings {
    }

    @TempDir
    Path directory;

    @Test
    void aMisspeltKeyInAConfigurationFileIsWarnedOfWithItsFileLineAndTheNearestKey() throws IOException {
        Path file = yaml("""
                paymentflow:
                  retension: 7d
                """);

        assertThat(warnings(Map.of(), file)).singleElement().asString()
                .startsWith("paymentflow.retension (")
                .contains(file.getFileName() + " line 2)")
                .contains("is not a setting of this service and is ignored; did you mean paymentflow.retention?")
                .doesNotContain("7d");
    }

    @Test
    void aMisspeltEnvironmentVariableIsWarnedOfByItsName() {
        assertThat(warnings(Map.of("PAYMENTFLOW_RETENSION", "7d"))).singleElement().asString()
                .isEqualTo("paymentflow.retension (environment variable PAYMENTFLOW_RETENSION) is not a setting of "
                        + "this service and is ignored; did you mean PAYMENTFLOW_RETENTION (paymentflow.retention)?");
        assertThat(warnings(Map.of("PAYMENTFLOW_DELIVERY_MAX_CONCURENCY", "8"))).singleElement().asString()
                .contains("environment variable PAYMENTFLOW_DELIVERY_MAX_CONCURENCY")
                .endsWith("did you mean PAYMENTFLOW_DELIVERY_MAX_CONCURRENCY (paymentflow.delivery.max-concurrency)?");
    }

    @Test
    void theShippedConfigurationAndTheDocumentedVariablesAreNotWarnedOf() {
        assertThat(warnings(DOCUMENTED_VARIABLES, Path.of("src/test/resources/test-config/application-test.yaml")))
                .isEmpty();
    }

    @Test
    void everyVariableTheReadmeNamesIsAmongThoseTested() throws IOException {
        Set<String> named = new TreeSet<>();
        Pattern variable = Pattern.compile("PAYMENTFLOW_[A-Z_<>]*[A-Z]");
        // the rows of the Settings table
        for (String row : Files.readAllLines(Path.of("README.md")).stream().filter(line -> line.startsWith("|"))
                .toList()) {
            Matcher name = variable.matcher(row);
            while (name.find()) {
                named.add(name.group().replace("<NAME>", "ERP"));
            }
        }

        assertThat(DOCUMENTED_VARIABLES.keySet()).containsAll(named);
    }

    @Test
    void aSettingARouteFileOrTheConfigurationNamesIsKnown() throws IOException {
        Path routes = Files.createDirectories(directory.resolve("routes"));
        Files.writeString(routes.resolve("crm.camel.yaml"), """
                - route:
                    id: deliver-to-crm
                    from:
                      uri: direct:deliver-to-crm
                      steps:
                        - to:
                            id: call-crm
                            uri: "{{paymentflow.crm.url}}?connectTimeout={{paymentflow.crm.connect-timeout:5000}}"
                """);
        Path file = yaml("""
                camel:
                  main:
                    routes-include-pattern: "file:%s/*.camel.yaml"
                  component:
                    http:
                      proxy-host: ${paymentflow.partner.proxy:}
                paymentflow:
                  crm:
                    url: ${CRM_URL:http://crm.example/events}
                    connect-timeout: 2000
                  partner:
                    proxy: proxy.example
                """.formatted(routes));

        assertThat(warnings(Map.of("PAYMENTFLOW_CRM_URL", "http://crm.example/other"), file)).isEmpty();
        assertThat(warnings(Map.of("PAYMENTFLOW_CRM_ULR", "http://crm.example/other"), file)).singleElement()
                .asString().endsWith("did you mean PAYMENTFLOW_CRM_URL (paymentflow.crm.url)?");
    }

    @Test
    void aDestinationTakesAnyNameButOnlyTheKnownSettingsUnderIt() throws IOException {
        Path file = yaml("""
                paymentflow:
                  delivery:
                    destinations:
                      customer-crm:
                        max-concurrency: 2
                        maxRatePerSecond: 5
                      erp:
                        max-concurency: 3
                """);

        assertThat(warnings(Map.of("PAYMENTFLOW_DELIVERY_DESTINATIONS_LEDGER_MAX_RATE_PER_SECOND", "100",
                "PAYMENTFLOW_DELIVERY_DESTINATIONS_EMAIL_MAX_RATE", "1",
                // Spring splits the name at every _: no destination customer_crm or customer-crm is bound by it
                "PAYMENTFLOW_DELIVERY_DESTINATIONS_CUSTOMER_CRM_MAX_CONCURRENCY", "2"), file))
                .hasSize(3)
                // not "did you mean ..._CUSTOMER_MAX_CONCURRENCY": that is another destination
                .contains("paymentflow.delivery.destinations.customer.crm.max.concurrency (environment variable "
                        + "PAYMENTFLOW_DELIVERY_DESTINATIONS_CUSTOMER_CRM_MAX_CONCURRENCY) is not a setting of this "
                        + "service and is ignored")
                .contains(
                        "paymentflow.delivery.destinations.erp.max-concurency (" + file + " line 8) is not a "
                                + "setting of this service and is ignored; did you mean "
                                + "paymentflow.delivery.destinations.erp.max-concurrency?",
                        "paymentflow.delivery.destinations.email.max.rate (environment variable "
                                + "PAYMENTFLOW_DELIVERY_DESTINATIONS_EMAIL_MAX_RATE) is not a setting of this service "
                                + "and is ignored");
    }

    @Test
    void eachUnknownSettingIsOneWarningLineWithoutItsValue() throws IOException {
        Path file = yaml("""
                paymentflow:
                  signature:
                    secret: whsec_not_to_be_logged
                """);
        Logger logger = LoggerFactory.getLogger(UnknownSettingsCheck.class);

        try (CapturedLog log = CapturedLog.start()) {
            withService(Map.of("PAYMENTFLOW_MAIL_PASWORD", "not-to-be-logged-either"), List.of(file),
                    check -> check.warnOfUnknownSettings());

            assertThat(log.linesOf(logger)).containsExactlyInAnyOrder(
                    "paymentflow.mail.pasword (environment variable PAYMENTFLOW_MAIL_PASWORD) is not a setting of "
                            + "this service and is ignored; did you mean PAYMENTFLOW_MAIL_PASSWORD "
                            + "(paymentflow.mail.password)?",
                    "paymentflow.signature.secret (" + file + " line 3) is not a setting of this service and is "
                            + "ignored; did you mean paymentflow.signature.secrets?");
            assertThat(log.warningsMentioning("not-to-be-logged")).isEmpty();
        }
    }

    @Test
    void everySettingTheCodeReadsByNameIsKnown() throws IOException {
        Pattern readByName = Pattern.compile("(?:\\$\\{|getProperty\\(\"|name = \")(paymentflow\\.[a-z0-9.-]+)");
        Set<String> read = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher name = readByName.matcher(Files.readString(source));
                while (name.find()) {
                    read.add(name.group(1));
                }
            }
        }
        assertThat(read).contains("paymentflow.metrics.delivery-counts-refresh", "paymentflow.routes.reload.enabled");

        withService(Map.of(), List.of(), check -> {
            KnownSettings known = check.knownSettings();
            assertThat(read).allSatisfy(name ->
                    assertThat(known.knows(ConfigurationPropertyName.of(name), false)).as(name).isTrue());
        });
    }

    /** The warnings of a service started with these variables and files over the shipped configuration. */
    private static List<String> warnings(Map<String, String> variables, Path... files) {
        List<String> warnings = new ArrayList<>();
        withService(variables, List.of(files), check -> warnings.addAll(check.warnings()));
        return warnings;
    }

    private static void withService(Map<String, String> variables, List<Path> files,
                                    Consumer<UnknownSettingsCheck> test) {
        new ApplicationContextRunner()
                .withInitializer(context -> {
                    MutablePropertySources sources = context.getEnvironment().getPropertySources();
                    // the test's variables instead of this JVM's (PAYMENTFLOW_TEST_POSTGRES_URL)
                    String environment = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
                    sources.replace(environment,
                            new SystemEnvironmentPropertySource(environment, Map.copyOf(variables)));
                    // the files given over the shipped configuration with the dev profile
                    Stream.concat(files.stream(), Stream.of(Path.of("config/application-dev.yaml"),
                                    Path.of("config/application.yaml")))
                            .forEach(file -> load(file).forEach(sources::addLast));
                })
                .withUserConfiguration(ServiceSettings.class)
                .withBean(UnknownSettingsCheck.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    test.accept(context.getBean(UnknownSettingsCheck.class));
                });
    }

    private static List<PropertySource<?>> load(Path file) {
        try {
            return new YamlPropertySourceLoader().load(file.toString(), new FileSystemResource(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path yaml(String text) throws IOException {
        Path file = Files.createTempFile(directory, "application-", ".yaml");
        Files.writeString(file, text);
        return file;
    }
}
