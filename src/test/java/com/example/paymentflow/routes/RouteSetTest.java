package com.example.paymentflow.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Route files read into a candidate set, its checks, and which files an edit reloads; no route runs here. */
class RouteSetTest {

    private static final String CONFIGURATION = """
            - routeConfiguration:
                id: answers
                onException:
                  - onException:
                      exception:
                        - java.lang.Exception
                      handled:
                        constant:
                          expression: "true"
            """;

    private static final String REST = """
            - rest:
                path: /api
                get:
                  - path: /things
                    to:
                      uri: direct:list-things
            """;

    private static final String THINGS = """
            - route:
                id: list-things
                routeConfigurationId: answers
                from:
                  uri: direct:list-things
                  steps:
                    - setBody:
                        expression:
                          constant:
                            expression: "[]"
            """;

    private static final String TEMPLATE = """
            - routeTemplate:
                id: ticker
                parameters:
                  - name: name
                route:
                  from:
                    uri: "timer:{{name}}"
                    steps:
                      - log:
                          message: tick
            """;

    private static final String TEMPLATED = """
            - templatedRoute:
                routeTemplateRef: ticker
                routeId: fast-ticker
                parameters:
                  - name: name
                    value: fast
            """;

    private static final String OTHER = """
            - route:
                id: other
                from:
                  uri: direct:other
                  steps:
                    - log:
                        message: other
            """;

    private static CamelContext camel;

    @BeforeAll
    static void camel() {
        camel = new DefaultCamelContext();
        camel.getRestConfiguration().setComponent("platform-http");
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
    }

    @Test
    void aRestVerbRunsUnderTheIdOfTheDirectRouteItHandsItsRequestsTo() {
        RouteSet set = set(Map.of("rest.camel.yaml", REST, "things.camel.yaml", THINGS));

        assertThat(set.routeIds("file:routes/rest.camel.yaml")).containsExactly("list-things");
        assertThat(set.routeIds("file:routes/things.camel.yaml")).containsExactly("list-things");
        new UniqueRouteIds(camel).check(set.candidateRoutes());
    }

    @Test
    void aRouteIdUsedTwiceIsRejectedNamingBothPlaces() {
        RouteSet set = set(Map.of("a.camel.yaml", OTHER, "b.camel.yaml", OTHER));

        assertThatThrownBy(() -> new UniqueRouteIds(camel).check(set.candidateRoutes()))
                .isInstanceOf(RejectedRoutesException.class)
                .hasMessage("in file:routes/b.camel.yaml, line 1: the route id 'other' is already used in "
                        + "file:routes/a.camel.yaml, line 1");
    }

    @Test
    void aStepIdUsedInTwoRoutesIsRejectedNamingBothPlaces() {
        String calling = OTHER.replace("        - log:\n            message: other\n",
                "        - to:\n            id: call-other\n            uri: direct:somewhere\n");
        RouteSet set = set(Map.of("a.camel.yaml", calling,
                "b.camel.yaml", calling.replace("id: other", "id: copy").replace("direct:other", "direct:copy")));

        assertThatThrownBy(() -> new UniqueRouteIds(camel).check(set.candidateRoutes()))
                .isInstanceOf(RejectedRoutesException.class)
                .hasMessage("in file:routes/b.camel.yaml, line 1: the step id 'call-other' is already used in route "
                        + "other in file:routes/a.camel.yaml, line 1; give the step an id of its own");
        new UniqueRouteIds(camel).check(set(Map.of("a.camel.yaml", calling)).candidateRoutes());
    }

    @Test
    void aRouteWithoutIdIsRejected() {
        RouteSet set = set(Map.of("a.camel.yaml", OTHER.replace("    id: other\n", "")));

        assertThatThrownBy(() -> new UniqueRouteIds(camel).check(set.candidateRoutes()))
                .hasMessageStartingWith("in file:routes/a.camel.yaml, line 1: a route without an id");
    }

    @Test
    void aNetworkAddressWrittenIntoARouteIsRejectedWithoutQuotingIt() {
        for (String uri : List.of("http://127.0.0.1:9090/crm", "https://user:secret@crm.example/x", "smtp://mail:25",
                "HTTPS:crm.example/x")) {
            RouteSet set = set(Map.of("crm.camel.yaml", sendingTo(uri)));

            assertThatThrownBy(() -> new NoLiteralAddresses().check(set.candidateRoutes())).as(uri)
                    .isInstanceOf(RejectedRoutesException.class)
                    .hasMessageStartingWith("file:routes/crm.camel.yaml, line ")
                    .hasMessageContaining("endpoint is written into the route; take it from a setting")
                    .message().doesNotContain("secret", "127.0.0.1", "mail:25");
        }
        for (String uri : List.of("{{paymentflow.crm.url}}", "http://{{paymentflow.crm.host}}/x",
                "smtp://{{paymentflow.mail.host}}:{{paymentflow.mail.port}}", "direct:other-out", "scheduler:tick")) {
            new NoLiteralAddresses().check(set(Map.of("crm.camel.yaml", sendingTo(uri)))
                    .candidateRoutes());
        }
    }

    @Test
    void theShippedRoutesWriteNoAddress() throws IOException {
        Map<String, String> shipped = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".camel.yaml")).toList()) {
                shipped.put(file.getFileName().toString(), Files.readString(file));
            }
        }

        assertThat(shipped).containsKeys("erp.camel.yaml", "email.camel.yaml", "alerts.camel.yaml");
        new NoLiteralAddresses().check(set(shipped).candidateRoutes());
    }

    @Test
    void templatedRoutesAreCandidatesUnderTheirIdAndNeedTheirTemplate() {
        RouteSet set = set(Map.of("ticker.camel.yaml", TEMPLATE + TEMPLATED));

        assertThat(set.candidateRoutes()).extracting(route -> route.getId()).containsExactly("fast-ticker");
        assertThat(set.candidateRoutes().get(0).getTemplateParameters()).containsEntry("name", "fast");
        assertThatThrownBy(() -> set(Map.of("ticker.camel.yaml", TEMPLATED)).candidateRoutes())
                .isInstanceOf(RefusedEditException.class)
                .hasMessageContaining("names no route template 'ticker'");
    }

    @Test
    void aFileThatDoesNotParseIsRefusedWithLineAndColumn() {
        RouteFileParser parser = new RouteFileParser(camel);

        assertThatThrownBy(() -> parser.parse("file:routes/broken.camel.yaml",
                OTHER.replace("    - log:", "    - logg:").getBytes(UTF_8)))
                .isInstanceOfSatisfying(RefusedEditException.class, refused -> {
                    assertThat(refused.file()).isEqualTo("file:routes/broken.camel.yaml");
                    assertThat(refused.line()).isEqualTo(6);
                    assertThat(refused.column()).isEqualTo(11);
                    assertThat(refused.describe()).startsWith("file:routes/broken.camel.yaml, line 6, column 11: ")
                            .contains("logg");
                });
    }

    @Test
    void configurationAndTemplateIdsAreUniqueAcrossFiles() {
        assertThatThrownBy(() -> set(Map.of("a.camel.yaml", CONFIGURATION, "b.camel.yaml", CONFIGURATION))
                .checkUniqueConfigurationAndTemplateIds())
                .hasMessageContaining("the route configuration id 'answers' is already used in file:routes/a.camel.yaml");
    }

    @Test
    void anEditReloadsTheFilesThatDependOnWhatItDefines() {
        Map<String, String> files = Map.of("answers.camel.yaml", CONFIGURATION, "rest.camel.yaml", REST,
                "things.camel.yaml", THINGS, "ticker.camel.yaml", TEMPLATE, "fast.camel.yaml", TEMPLATED,
                "other.camel.yaml", OTHER);
        RouteSet set = set(files);

        assertThat(RouteSet.affectedFiles(set, set, Set.of("file:routes/answers.camel.yaml")))
                .as("the configuration's users, and the rest in front of them")
                .containsExactlyInAnyOrder("file:routes/answers.camel.yaml", "file:routes/things.camel.yaml",
                        "file:routes/rest.camel.yaml");
        assertThat(RouteSet.affectedFiles(set, set, Set.of("file:routes/rest.camel.yaml")))
                .containsExactlyInAnyOrder("file:routes/rest.camel.yaml", "file:routes/things.camel.yaml");
        assertThat(RouteSet.affectedFiles(set, set, Set.of("file:routes/ticker.camel.yaml")))
                .containsExactlyInAnyOrder("file:routes/ticker.camel.yaml", "file:routes/fast.camel.yaml");
        assertThat(RouteSet.affectedFiles(set, set, Set.of("file:routes/other.camel.yaml")))
                .containsExactly("file:routes/other.camel.yaml");
    }

    private static String sendingTo(String uri) {
        return OTHER.replace("        - log:\n            message: other\n", "        - to:\n            uri: \"" + uri + "\"\n");
    }

    private static RouteSet set(Map<String, String> files) {
        RouteFileParser parser = new RouteFileParser(camel);
        Map<String, String> sorted = new TreeMap<>(files);
        List<RouteFile> parsed = sorted.entrySet().stream()
                .map(file -> parser.parse("file:routes/" + file.getKey(), file.getValue().getBytes(UTF_8)))
                .toList();
        return new RouteSet(parsed, true);
    }
}
