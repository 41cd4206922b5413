package com.example.paymentflow.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/ agrees with the service: the Dockerfile and the Kubernetes manifests use the service's port, health groups,
 * settings and shutdown time, as config/application.yaml, the README and the pom define them.
 */
class DeploymentFilesTest {

    private static final Path KUBERNETES = Path.of("deploy", "kubernetes");
    private static final List<String> REQUIRED = List.of("WEBHOOK_SECRET", "ERP_URL", "SMTP_HOST", "EMAIL_FROM",
            "SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_PASSWORD", "MANAGEMENT_PASSWORD");

    private static Map<String, Object> config;
    private static String configText;
    private static String readme;
    private static String dockerfile;
    private static Map<String, Object> deployment;
    private static Map<String, Object> configMap;
    private static Map<String, Object> secret;
    private static Map<String, Object> service;
    private static Map<String, Object> disruptionBudget;

    @BeforeAll
    static void readTheFiles() throws IOException {
        configText = Files.readString(Path.of("config", "application.yaml"));
        config = new Yaml().load(configText);
        readme = Files.readString(Path.of("README.md"));
        dockerfile = Files.readString(Path.of("deploy", "Dockerfile"));
        deployment = manifest("deployment.yaml", "Deployment");
        configMap = manifest("configmap.yaml", "ConfigMap");
        secret = manifest("secret.yaml", "Secret");
        service = manifest("service.yaml", "Service");
        disruptionBudget = manifest("poddisruptionbudget.yaml", "PodDisruptionBudget");
    }

    @Test
    void theContainerListensOnTheServicesPortAndTheServiceReachesIt() {
        Map<String, Object> port = single(list(container(), "ports"));

        assertThat(port.get("containerPort")).isEqualTo(servicePort());
        assertThat(dockerfile).containsPattern("(?m)^EXPOSE " + servicePort() + "$");
        Map<String, Object> servicePort = single(list(map(service, "spec"), "ports"));
        assertThat(servicePort.get("targetPort")).isEqualTo(port.get("name"));
    }

    @Test
    void probesUseTheHealthGroupsTheServiceEnables() {
        assertThat(map(map(map(map(config, "management"), "endpoint"), "health"), "probes").get("enabled"))
                .isEqualTo(true);
        Map<String, Object> container = container();
        String portName = (String) single(list(container, "ports")).get("name");

        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            Map<String, Object> get = map(map(container, probe), "httpGet");
            assertThat(get.get("port")).as(probe).isEqualTo(portName);
            assertThat(get.get("path")).as(probe).isEqualTo(probe.equals("readinessProbe")
                    ? "/actuator/health/readiness" : "/actuator/health/liveness");
        }
        assertThat(dockerfile).contains("http://127.0.0.1:" + servicePort() + "/actuator/health/liveness");
    }

    @Test
    void theServiceAndTheDisruptionBudgetSelectTheDeploymentsPods() {
        Map<String, Object> podLabels = map(map(map(map(deployment, "spec"), "template"), "metadata"), "labels");

        assertThat(podLabels).containsAllEntriesOf(map(map(service, "spec"), "selector"));
        assertThat(podLabels).containsAllEntriesOf(map(map(map(disruptionBudget, "spec"), "selector"), "matchLabels"));
        assertThat(map(map(map(deployment, "spec"), "selector"), "matchLabels")).isEqualTo(
                map(map(map(disruptionBudget, "spec"), "selector"), "matchLabels"));
        assertThat((Integer) map(deployment, "spec").get("replicas"))
                .isGreaterThan((Integer) map(disruptionBudget, "spec").get("minAvailable"));
    }

    @Test
    void everySettingIsOneTheServiceReadsAndEveryRequiredOneIsSet() {
        List<String> envFrom = list(container(), "envFrom").stream()
                .map(source -> source.containsKey("configMapRef") ? "configmap:" + map(source, "configMapRef").get("name")
                        : "secret:" + map(source, "secretRef").get("name"))
                .toList();
        assertThat(envFrom).containsExactlyInAnyOrder("configmap:" + map(configMap, "metadata").get("name"),
                "secret:" + map(secret, "metadata").get("name"));
        Set<String> settings = new HashSet<>(map(configMap, "data").keySet());
        settings.addAll(map(secret, "stringData").keySet());

        assertThat(settings).containsAll(REQUIRED);
        for (String setting : settings) {
            assertThat(readsSetting(setting)).as(setting + " is read by the service (config/application.yaml or README)")
                    .isTrue();
        }
    }

    @Test
    void secretsAreInTheSecretOnly() {
        for (String setting : map(configMap, "data").keySet()) {
            assertThat(setting).doesNotContain("SECRET", "PASSWORD").isNotEqualTo("ALERT_WEBHOOK_URL");
        }
        assertThat(map(secret, "stringData")).containsKeys("WEBHOOK_SECRET", "SPRING_DATASOURCE_PASSWORD",
                "MANAGEMENT_PASSWORD");
    }

    @Test
    void theGracePeriodCoversThePreStopPauseRequestsInFlightAndTheShutdownOfDeliveries() {
        int shutdownTimeout = (Integer) map(map(config, "camel"), "main").get("shutdown-timeout");
        int requestsInFlight = Integer.parseInt(String.valueOf(map(map(config, "spring"), "lifecycle")
                .get("timeout-per-shutdown-phase")).replaceAll("s$", ""));
        List<String> preStop = strings(map(map(map(container(), "lifecycle"), "preStop"), "exec"), "command");
        int pause = Integer.parseInt(preStop.get(preStop.size() - 1));
        Map<String, Object> pod = map(map(map(deployment, "spec"), "template"), "spec");

        assertThat(map(config, "server").get("shutdown")).isEqualTo("graceful");
        assertThat((Integer) pod.get("terminationGracePeriodSeconds"))
                .isGreaterThan(pause + requestsInFlight + shutdownTimeout);
    }

    @Test
    void theImageRunsAsTheUnprivilegedUserTheDeploymentExpects() {
        Matcher user = Pattern.compile("(?m)^USER (\\S+)$").matcher(dockerfile);
        assertThat(user.find()).isTrue();
        Map<String, Object> podSecurity = map(map(map(map(deployment, "spec"), "template"), "spec"), "securityContext");

        assertThat(user.group(1)).isNotIn("root", "0");
        assertThat(podSecurity.get("runAsNonRoot")).isEqualTo(true);
        assertThat(String.valueOf(podSecurity.get("runAsUser"))).isEqualTo(user.group(1));
    }

    @Test
    void theImageRunsTheBuiltJarFromAWorkingDirectoryWithTheRoutesAndSettings() throws IOException {
        String finalName = Pattern.compile("<finalName>(.+)</finalName>").matcher(Files.readString(Path.of("pom.xml")))
                .results().findFirst().orElseThrow().group(1);

        assertThat(dockerfile).contains("WORKDIR /app", "COPY routes routes", "COPY config config",
                "ENTRYPOINT [\"java\", \"-jar\", \"" + finalName + ".jar\"]");
        assertThat(configText).contains("routes-include-pattern: \"file:routes/*.camel.yaml\"");
    }

    private static boolean readsSetting(String variable) {
        return configText.contains("${" + variable + ":") || configText.contains("${" + variable + "}")
                || readme.contains("`" + variable + "`") || springKey(variable);
    }

    /** A Spring Boot relaxed name of a key in config/application.yaml (SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE). */
    private static boolean springKey(String variable) {
        String wanted = variable.toLowerCase().replace("_", "");
        List<String> keys = new ArrayList<>();
        flatten("", config, keys);
        return keys.stream().anyMatch(key -> key.replaceAll("[^a-z0-9]", "").equals(wanted));
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> node, List<String> keys) {
        node.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            keys.add(path);
            if (value instanceof Map<?, ?> child) {
                flatten(path, (Map<String, Object>) child, keys);
            }
        });
    }

    private static Map<String, Object> container() {
        return single(list(map(map(map(deployment, "spec"), "template"), "spec"), "containers"));
    }

    private static int servicePort() {
        Matcher port = Pattern.compile("\\$\\{SERVER_PORT:(\\d+)}").matcher(String.valueOf(map(config, "server").get("port")));
        assertThat(port.matches()).isTrue();
        return Integer.parseInt(port.group(1));
    }

    private static Map<String, Object> manifest(String file, String kind) throws IOException {
        Map<String, Object> manifest = new Yaml().load(Files.readString(KUBERNETES.resolve(file)));
        assertThat(manifest.get("kind")).as(file).isEqualTo(kind);
        return manifest;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> node, String key) {
        return (Map<String, Object>) node.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> node, String key) {
        return (List<Map<String, Object>>) node.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Map<String, Object> node, String key) {
        return (List<String>) node.get(key);
    }

    private static Map<String, Object> single(List<Map<String, Object>> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
