package com.example.paymentflow.operations;

import java.time.Instant;

import com.example.paymentflow.endpoint.EndpointState;
import com.example.paymentflow.security.OperatorIdentity;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedOperation;
import org.springframework.jmx.export.annotation.ManagedOperationParameter;
import org.springframework.jmx.export.annotation.ManagedOperationParameters;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.stereotype.Component;

/**
 * The webhook endpoint's off switch in the management console (Hawtio, or any JMX client), through the same bean
 * as the operations API. The operator is the one signed in to the console; a JMX client without it is named
 * "console". Refusals come back as {@link IllegalArgumentException}, which every JMX client can read.
 */
@Component
@ManagedResource(objectName = ManagedEndpointOperations.OBJECT_NAME,
        description = "PaymentFlow webhook endpoint: disable and enable")
public class ManagedEndpointOperations {

    public static final String OBJECT_NAME = "paymentflow:type=Endpoint,name=switch";

    private final EndpointOperations operations;
    private final OperatorIdentity operators;

    public ManagedEndpointOperations(EndpointOperations operations, OperatorIdentity operators) {
        this.operations = operations;
        this.operators = operators;
    }

    @ManagedAttribute(description = "Whether webhooks are taken (false: they are answered 503 with Retry-After)")
    public boolean isEnabled() {
        return operations.state().enabled();
    }

    @ManagedAttribute(description = "Why the endpoint was last disabled or enabled")
    public String getReason() {
        return operations.state().reason();
    }

    @ManagedAttribute(description = "When the endpoint was last disabled or enabled (ISO-8601)")
    public String getSince() {
        Instant since = operations.state().since();
        return since == null ? null : since.toString();
    }

    @ManagedAttribute(description = "Who last disabled or enabled the endpoint")
    public String getBy() {
        return operations.state().by();
    }

    @ManagedOperation(description = "Answers every webhook 503 with Retry-After, on every instance, until enabled; "
            + "PaymentFlow sends them again later. Returns the new state.")
    @ManagedOperationParameters(@ManagedOperationParameter(name = "reason", description = "why (required)"))
    public String disable(String reason) {
        return describe(refusalsAsIllegalArgument(() -> operations.disable(new ChangeReason(reason),
                operators.current())));
    }

    @ManagedOperation(description = "Takes webhooks again, on every instance. Returns the new state.")
    @ManagedOperationParameters(@ManagedOperationParameter(name = "reason", description = "why (may be empty)"))
    public String enable(String reason) {
        return describe(refusalsAsIllegalArgument(() -> operations.enable(new ChangeReason(reason),
                operators.current())));
    }

    private static EndpointState refusalsAsIllegalArgument(java.util.function.Supplier<EndpointState> change) {
        try {
            return change.get();
        } catch (InvalidQueryException refused) {
            throw new IllegalArgumentException(refused.getMessage());
        }
    }

    private static String describe(EndpointState state) {
        return (state.enabled() ? "enabled" : "disabled") + " by " + state.by() + " at " + state.since()
                + (state.reason() == null ? "" : ": " + state.reason());
    }
}
