package com.example.paymentflow.operations;

import com.example.paymentflow.endpoint.EndpointState;
import com.example.paymentflow.endpoint.EndpointSwitch;
import org.springframework.stereotype.Component;

/**
 * The off switch of the webhook endpoint, for operators (the operations API and the console): the state, and
 * changes with the operator's name and reason. A reason is required to disable, so that whoever finds the
 * endpoint disabled knows why ({@link OperationsParameters#reason}: one line, logged as given).
 */
@Component
public class EndpointOperations {

    private final EndpointSwitch endpointSwitch;

    public EndpointOperations(EndpointSwitch endpointSwitch) {
        this.endpointSwitch = endpointSwitch;
    }

    public EndpointState state() {
        return endpointSwitch.state();
    }

    /** @throws InvalidQueryException without a usable reason */
    public EndpointState disable(ChangeReason change, String operator) {
        String reason = reason(change);
        if (reason == null) {
            throw new InvalidQueryException("give a reason: {\"reason\": \"...\"}");
        }
        return endpointSwitch.disable(reason, operator);
    }

    /** @throws InvalidQueryException when the optional reason is unusable */
    public EndpointState enable(ChangeReason change, String operator) {
        return endpointSwitch.enable(reason(change), operator);
    }

    private static String reason(ChangeReason change) {
        return OperationsParameters.reason(change == null ? null : change.reason());
    }
}
