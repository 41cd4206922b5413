package com.example.paymentflow.delivery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.paymentflow.event.ParseEventProcessor;
import com.example.paymentflow.routes.RejectedRoutesException;
import com.example.paymentflow.routes.RouteSet;
import com.example.paymentflow.routes.RouteSetCheck;
import com.example.paymentflow.text.Typos;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.ExpressionNode;
import org.apache.camel.model.OptionalIdentifiedDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SetHeaderDefinition;
import org.apache.camel.model.WhenDefinition;
import org.apache.camel.model.language.ConstantExpression;
import org.apache.camel.model.language.ExpressionDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The routing table and the destinations agree: the routing table (route {@value #ROUTING_TABLE}) exists and sets
 * header {@value #DESTINATIONS} only to constant lists, each naming a destination once, and reads no header it is
 * not given; every destination it names has a route
 * {@code deliver-to-<name>} consuming {@code direct:deliver-to-<name>}; and every such route is named by it. A typo
 * would otherwise store deliveries that nothing ever attempts, or a destination that never receives anything.
 */
@Component
public class RoutingTableCheck implements RouteSetCheck {

    public static final String ROUTING_TABLE = "route-event";
    public static final String DESTINATIONS = "destinations";

    private static final Logger LOG = LoggerFactory.getLogger(RoutingTableCheck.class);
    /** The event types PaymentFlow's webhook documentation names. */
    private static final List<String> DOCUMENTED_TYPES = List.of("payment.succeeded", "payment.failed",
            "refund.created");
    private static final int MAX_TYPO_EDITS = 2;
    private static final Pattern QUOTED = Pattern.compile("'([^']{1,100})'|\"([^\"]{1,100})\"");

    private static final List<String> GIVEN_HEADERS = List.of(ParseEventProcessor.EVENT_ID,
            ParseEventProcessor.EVENT_TYPE, DESTINATIONS);
    /** ${header.name}, ${headers.name}, ${in.header.name}, ${header[name]}, ${headerAs(name, type)} */
    private static final Pattern HEADER_READ = Pattern.compile(
            "\\$\\{\\s*(?:in\\.)?headers?\\s*(?:\\.|\\[\\s*['\"]?)\\s*([A-Za-z0-9_$-]+)"
                    + "|\\$\\{\\s*headerAs\\(\\s*['\"]?([A-Za-z0-9_$-]+)");

    @Override
    public void check(List<RouteDefinition> routes) {
        Map<String, RouteDefinition> destinationRoutes = new TreeMap<>();
        RouteDefinition table = null;
        for (RouteDefinition route : routes) {
            if (ROUTING_TABLE.equals(route.getRouteId())) {
                table = route;
            }
            String routeId = route.getRouteId();
            Destination.nameOf(routeId).ifPresent(name -> {
                String expected = "direct:" + routeId;
                if (!expected.equals(route.getInput().getEndpointUri())) {
                    throw new RejectedRoutesException(RouteSet.where(route) + ": the destination route " + routeId
                            + " must consume " + expected + ", not " + route.getInput().getEndpointUri());
                }
                destinationRoutes.put(name, route);
            });
        }
        if (table == null) {
            throw new RejectedRoutesException("No route " + ROUTING_TABLE + ": the routing table "
                    + "(routes/event-routing.camel.yaml) is missing, so no event would go anywhere");
        }
        forEachExpression(table.getOutputs(), RoutingTableCheck::checkHeadersRead);
        forEachExpression(table.getOutputs(), RoutingTableCheck::warnOfMisspeltTypes);
        Set<String> named = new HashSet<>();
        for (SetHeaderDefinition list : destinationLists(table.getOutputs())) {
            if (!(list.getExpression() instanceof ConstantExpression constant)) {
                throw new RejectedRoutesException(RouteSet.where(list) + ": the routing table must set header "
                        + DESTINATIONS + " to a constant list of destinations, such as erp, ledger");
            }
            Set<String> inThisList = new HashSet<>();
            for (String name : Destination.namesIn(constant.getExpression())) {
                if (!inThisList.add(name)) {
                    // each name is a delivery row, unique per event: a second would fail every event of the type
                    throw new RejectedRoutesException(RouteSet.where(list) + ": the routing table names destination '"
                            + name + "' twice in one list; name each destination once");
                }
                if (!destinationRoutes.containsKey(name)) {
                    throw new RejectedRoutesException(RouteSet.where(list) + ": the routing table names destination '"
                            + name + "', but there is no route " + Destination.routeIdOf(name) + " (destinations: "
                            + String.join(", ", destinationRoutes.keySet()) + ")");
                }
                named.add(name);
            }
        }
        for (Map.Entry<String, RouteDefinition> destination : destinationRoutes.entrySet()) {
            if (!named.contains(destination.getKey())) {
                throw new RejectedRoutesException(RouteSet.where(destination.getValue()) + ": the destination route "
                        + destination.getValue().getRouteId() + " receives nothing: name '" + destination.getKey()
                        + "' in the routing table (" + RouteSet.where(table) + ")");
            }
        }
    }

    /**
     * Every simple-language expression of the steps, as text, with its step: the when-clauses' conditions and the
     * steps' own (the other languages read no header and compare no type).
     */
    private static void forEachExpression(List<ProcessorDefinition<?>> steps,
                                          BiConsumer<OptionalIdentifiedDefinition<?>, String> check) {
        for (ProcessorDefinition<?> step : steps) {
            if (step instanceof ExpressionNode node) {
                acceptSimple(node, node.getExpression(), check);
            }
            if (step instanceof ChoiceDefinition choice) {
                for (WhenDefinition when : choice.getWhenClauses()) {
                    acceptSimple(when, when.getExpression(), check);
                    forEachExpression(when.getOutputs(), check);
                }
                if (choice.getOtherwise() != null) {
                    forEachExpression(choice.getOtherwise().getOutputs(), check);
                }
            } else {
                forEachExpression(step.getOutputs(), check);
            }
        }
    }

    private static void acceptSimple(OptionalIdentifiedDefinition<?> step, ExpressionDefinition expression,
                                     BiConsumer<OptionalIdentifiedDefinition<?>, String> check) {
        if (expression != null && "simple".equals(expression.getLanguage())) {
            check.accept(step, String.valueOf(expression.getExpression()));
        }
    }

    /**
     * The routing table reads only the headers it is given (and its own {@value #DESTINATIONS}): a misspelt one is
     * empty, so every event its branch should route would be stored and sent nowhere.
     */
    private static void checkHeadersRead(OptionalIdentifiedDefinition<?> step, String expression) {
        Matcher header = HEADER_READ.matcher(expression);
        while (header.find()) {
            String name = header.group(1) != null ? header.group(1) : header.group(2);
            if (GIVEN_HEADERS.stream().noneMatch(name::equalsIgnoreCase)) {
                throw new RejectedRoutesException(RouteSet.where(step) + ": the routing table reads header '" + name
                        + "', which it is not given: it has headers " + ParseEventProcessor.EVENT_ID + " and "
                        + ParseEventProcessor.EVENT_TYPE + ", and the event as body (such as ${body.amountMinor()})");
            }
        }
    }

    /**
     * Warns of an event type compared in the routing table that is a typo of one PaymentFlow sends
     * ({@code 'payment.succeded'}, {@code 'Payment.Succeeded'}): its branch would never match, and those events would
     * be stored and sent nowhere. A warning, not a refusal: PaymentFlow may add types this service does not know.
     */
    private static void warnOfMisspeltTypes(OptionalIdentifiedDefinition<?> step, String expression) {
        Matcher literal = QUOTED.matcher(expression);
        while (literal.find()) {
            String compared = literal.group(1) != null ? literal.group(1) : literal.group(2);
            DOCUMENTED_TYPES.stream()
                    .filter(type -> !type.equals(compared)
                            && Typos.distance(type, compared.toLowerCase(Locale.ROOT)) <= MAX_TYPO_EDITS)
                    .findFirst()
                    .ifPresent(meant -> LOG.warn("{}: the routing table compares with '{}', which PaymentFlow does not "
                            + "send: did you mean '{}'? Events of that type would match no branch and go nowhere",
                            RouteSet.where(step), compared, meant));
        }
    }

    private static List<SetHeaderDefinition> destinationLists(List<ProcessorDefinition<?>> steps) {
        List<SetHeaderDefinition> lists = new ArrayList<>();
        for (ProcessorDefinition<?> step : steps) {
            if (step instanceof SetHeaderDefinition header && DESTINATIONS.equals(header.getName())) {
                lists.add(header);
            }
            if (step instanceof ChoiceDefinition choice) {
                for (WhenDefinition when : choice.getWhenClauses()) {
                    lists.addAll(destinationLists(when.getOutputs()));
                }
                if (choice.getOtherwise() != null) {
                    lists.addAll(destinationLists(choice.getOtherwise().getOutputs()));
                }
            } else {
                lists.addAll(destinationLists(step.getOutputs()));
            }
        }
        return lists;
    }
}
