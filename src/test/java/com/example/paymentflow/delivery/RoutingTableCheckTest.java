package com.example.paymentflow.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.example.paymentflow.routes.RejectedRoutesException;
import com.example.paymentflow.routes.RouteFile;
import com.example.paymentflow.routes.RouteFileParser;
import com.example.paymentflow.routes.RouteSet;
import com.example.paymentflow.support.CapturedLog;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped routes, with one edit of the routing table, against the routing table's rules; no route runs here. */
class RoutingTableCheckTest {

    private static final String TABLE = "event-routing.camel.yaml";

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
    void theShippedRoutingTableKeepsTheRules() {
        assertThatCode(() -> check("expression: erp, ledger", "expression: erp, ledger")).doesNotThrowAnyException();
        assertThatCode(() -> check("${header.eventType} == 'payment.failed'",
                "${in.headers[EVENTTYPE]} == 'payment.failed' && ${header.eventId} != '' && ${body.amountMinor()} > 0"))
                .as("headers by any spelling Camel reads, in any case; the event's fields").doesNotThrowAnyException();
    }

    @Test
    void aDestinationNamedTwiceInOneListIsRefused() {
        // each would be a delivery row of its own, unique per event and destination: every such event would fail
        assertThatThrownBy(() -> check("expression: erp, ledger", "expression: erp, ledger, erp"))
                .isInstanceOf(RejectedRoutesException.class)
                .hasMessageMatching("file:routes/event-routing.camel.yaml, line \\d+: the routing table names "
                        + "destination 'erp' twice in one list; name each destination once");
    }

    @Test
    void aHeaderTheRoutingTableIsNotGivenIsRefused() {
        // a misspelt header is empty: its branch would never match, its events stored and sent nowhere
        for (String misspelt : List.of("${header.evenType}", "${headers.type}", "${header[event_type]}",
                "${headerAs(evntType, String)}")) {
            assertThatThrownBy(() -> check("${header.eventType} == 'payment.succeeded'",
                    misspelt + " == 'payment.succeeded'")).as(misspelt)
                    .isInstanceOf(RejectedRoutesException.class)
                    .hasMessageMatching("file:routes/event-routing.camel.yaml, line \\d+: the routing table reads "
                            + "header '\\w+', which it is not given: it has headers eventId and eventType, .*");
        }
    }

    @Test
    void aTypoOfAnEventTypePaymentFlowSendsIsWarnedOf() throws IOException {
        try (CapturedLog log = CapturedLog.start()) {
            check("${header.eventType} == 'payment.succeeded'", "${header.eventType} == 'payment.succeded'");
            check("${header.eventType} == 'refund.created'", "${header.eventType} == 'Refund.Created'");
            // a type PaymentFlow may add, far from the documented ones, and the shipped table: no warning
            check("${header.eventType} == 'refund.created'", "${header.eventType} == 'refund.updated'");

            assertThat(log.warningsMentioning("the routing table compares with")).satisfiesExactly(
                    line -> assertThat(line).matches("file:routes/event-routing.camel.yaml, line \\d+: the routing "
                            + "table compares with 'payment.succeded', which PaymentFlow does not send: did you mean "
                            + "'payment.succeeded'\\? Events of that type would match no branch and go nowhere"),
                    line -> assertThat(line).contains("'Refund.Created'").contains("did you mean 'refund.created'?"));
        }
    }

    private static void check(String tableText, String replacement) throws IOException {
        RouteFileParser parser = new RouteFileParser(camel);
        List<RouteFile> files;
        try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
            files = shipped.filter(path -> path.toString().endsWith(".camel.yaml")).sorted().map(path -> {
                String name = path.getFileName().toString();
                String content = read(path);
                if (name.equals(TABLE)) {
                    if (!content.contains(tableText)) {
                        throw new IllegalArgumentException("the routing table holds no " + tableText);
                    }
                    content = content.replace(tableText, replacement);
                }
                return parser.parse("file:routes/" + name, content.getBytes(UTF_8));
            }).toList();
        }
        new RoutingTableCheck().check(new RouteSet(files, true).candidateRoutes());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
