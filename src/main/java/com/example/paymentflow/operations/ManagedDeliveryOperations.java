package com.example.paymentflow.operations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.example.paymentflow.security.OperatorIdentity;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedOperation;
import org.springframework.jmx.export.annotation.ManagedOperationParameter;
import org.springframework.jmx.export.annotation.ManagedOperationParameters;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.stereotype.Component;

/**
 * The operations API's counts and replays in the management console (Hawtio, or any JMX client), through the same
 * beans. Refusals come back as {@link IllegalArgumentException}, which every JMX client can read; this package's
 * exception classes are unknown to a remote one.
 */
@Component
@ManagedResource(objectName = ManagedDeliveryOperations.OBJECT_NAME,
        description = "PaymentFlow deliveries: counts, replays, pause and resume of destinations, routing stored "
                + "events again")
public class ManagedDeliveryOperations {

    public static final String OBJECT_NAME = "paymentflow:type=Deliveries,name=operations";

    private final DeliveryInspection inspection;
    private final DeliveryCountGauges backlog;
    private final DeliveryReplay replay;
    private final OperationsParameters parameters;
    private final DestinationControl destinations;
    private final OperatorIdentity operators;
    private final EventRerouting rerouting;

    public ManagedDeliveryOperations(DeliveryInspection inspection, DeliveryCountGauges backlog,
                                     DeliveryReplay replay, OperationsParameters parameters,
                                     DestinationControl destinations, OperatorIdentity operators,
                                     EventRerouting rerouting) {
        this.inspection = inspection;
        this.backlog = backlog;
        this.replay = replay;
        this.parameters = parameters;
        this.destinations = destinations;
        this.operators = operators;
        this.rerouting = rerouting;
    }

    /**
     * From memory: a console polls the attributes of the MBean it shows (Hawtio every few seconds), and counting
     * the delivered ones reads the whole table each time.
     */
    @ManagedAttribute(description = "Deliveries not delivered yet, per destination and status (pending, failed, "
            + "dead), as of the latest refresh of the delivery metrics (every few seconds)")
    public Map<String, Map<String, Long>> getCounts() {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        backlog.latest().ifPresent(snapshot -> snapshot.destinations().forEach((destination, waiting) -> {
            Map<String, Long> perStatus = new LinkedHashMap<>();
            perStatus.put("pending", waiting.pending());
            perStatus.put("failed", waiting.failed());
            perStatus.put("dead", waiting.dead());
            counts.put(destination, perStatus);
        }));
        return counts;
    }

    @ManagedOperation(description = "Every delivery per destination and status (pending, failed, dead, delivered), "
            + "as GET /api/deliveries/summary: counts the whole table")
    public Map<String, Map<String, Long>> countAll() {
        return inspection.summary();
    }

    @ManagedAttribute(description = "Destinations: paused (why, by whom, since when) or not, and their limits")
    public List<String> getDestinations() {
        return destinations.list().get("destinations").stream().map(DestinationStatus::toString).toList();
    }

    @ManagedOperation(description = "Pauses a destination on every instance: its deliveries wait until it is resumed")
    @ManagedOperationParameters({
            @ManagedOperationParameter(name = "destination", description = "erp, email, ledger..."),
            @ManagedOperationParameter(name = "reason", description = "why, for the log and the other operators")})
    public String pauseDestination(String destination, String reason) {
        try {
            return destinations.pause(destination, reason, operators.current()).toString();
        } catch (UnknownDestinationException | InvalidQueryException refused) {
            throw new IllegalArgumentException(refused.getMessage());
        }
    }

    @ManagedOperation(description = "Resumes a paused destination: its waiting deliveries drain within its limits")
    @ManagedOperationParameters(@ManagedOperationParameter(name = "destination", description = "erp, email, ledger..."))
    public String resumeDestination(String destination) {
        try {
            return destinations.resume(destination, operators.current()).toString();
        } catch (UnknownDestinationException refused) {
            throw new IllegalArgumentException(refused.getMessage());
        }
    }

    @ManagedOperation(description = "Makes a dead or failed delivery pending and due now; returns 1")
    @ManagedOperationParameters(@ManagedOperationParameter(name = "id", description = "delivery id"))
    public int replayDelivery(long id) {
        try {
            return replay.replayDelivery(id).replayed();
        } catch (UnknownDeliveryException | NotReplayableException refused) {
            throw new IllegalArgumentException(refused.getMessage());
        }
    }

    @ManagedOperation(description = "Makes every dead delivery matching the filters pending and due now; returns "
            + "how many. Give at least one filter; leave the others empty.")
    @ManagedOperationParameters({
            @ManagedOperationParameter(name = "destination", description = "erp, email, ledger..., or empty"),
            @ManagedOperationParameter(name = "eventType", description = "e.g. payment.succeeded, or empty"),
            @ManagedOperationParameter(name = "from",
                    description = "received at or after this ISO-8601 instant (2026-11-27T10:00:00Z), or empty"),
            @ManagedOperationParameter(name = "to", description = "received before this ISO-8601 instant, or empty")})
    public int replayDead(String destination, String eventType, String from, String to) {
        try {
            return replay.replayDead(parameters.replayScope(destination, eventType, from, to)).replayed();
        } catch (InvalidQueryException refused) {
            throw new IllegalArgumentException(refused.getMessage());
        }
    }

    @ManagedOperation(description = "Gives stored events matching the filters to the routing table as it is now, and "
            + "adds a delivery to each destination it names that an event has none for (as POST /api/events/reroute). "
            + "Give at least one filter; leave the others empty. At most 1000 events: continue after the answer's next.")
    @ManagedOperationParameters({
            @ManagedOperationParameter(name = "eventType", description = "e.g. refund.updated, or empty"),
            @ManagedOperationParameter(name = "from",
                    description = "received at or after this ISO-8601 instant (2026-11-27T10:00:00Z), or empty"),
            @ManagedOperationParameter(name = "to", description = "received before this ISO-8601 instant, or empty"),
            @ManagedOperationParameter(name = "destination",
                    description = "only deliveries to this destination are added, or empty for every one"),
            @ManagedOperationParameter(name = "after", description = "the next of the answer before, or empty"),
            @ManagedOperationParameter(name = "dryRun", description = "true: add nothing, say what would be added")})
    public Map<String, Object> rerouteEvents(String eventType, String from, String to, String destination,
                                             String after, boolean dryRun) {
        try {
            RerouteResult result = rerouting.reroute(parameters.rerouteScope(null, eventType, from, to, destination,
                    after, null, String.valueOf(dryRun)));
            // a map, which every JMX client shows (Jolokia as JSON); a record is an opaque object to them
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("events", result.events());
            answer.put("unrouted", result.unrouted());
            answer.put("added", result.added());
            answer.put("dryRun", result.dryRun());
            answer.put("next", result.next());
            return answer;
        } catch (RefusedOperationException refused) {
            throw new IllegalArgumentException(refused.getMessage());
        }
    }
}
