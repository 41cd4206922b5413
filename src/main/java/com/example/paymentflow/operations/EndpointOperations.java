package com.example.paymentflow.operations;

import com.example.paymentflow.endpoint.EndpointState;
import com.example.paymentflow.endpoint.EndpointSwitch;
import org.springframework.stereotype.Component;

/**
 * The off switch of the webhook endpoint, for operators (the operations API and the console): the state, and
 * changes with the operator's name and reason. A reason is required to disable, so that whoever finds the
 * endpoint disabled knows why; it is one line of at most {@value #MAX_REASON_LENGTH} characters, logged as given.
 */
@Component
public class EndpointOperations {

    static final int MAX_REASON_LENGTH = 500;

    private final EndpointSwitch endpointSwitch;

    public EndpointOperations(EndpointSwitch endpointSwitch) {
        this.endpointSwitch = endpointSwitch;
    }

    public EndpointState state() {
        return endpointSwitch.state();
    }

    /** @throws InvalidQueryException without a usable reason */
    public EndpointState disable(EndpointChange change, String operator) {
        String reason = reason(change);
        if (reason == null) {
            throw new InvalidQueryException("give a reason: {\"reason\": \"...\"}");
        }
        return endpointSwitch.disable(reason, operator);
    }

    /** @throws InvalidQueryException when the optional reason is unusable */
    public EndpointState enable(EndpointChange change, String operator) {
        return endpointSwitch.enable(reason(change), operator);
    }

    private static String reason(EndpointChange change) {
        String reason = change == null || change.reason() == null ? null : change.reason().trim();
        if (reason == null || reason.isEmpty()) {
            return null;
        }
        if (reason.length() > MAX_REASON_LENGTH || reason.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidQueryException("the reason must be one line of at most " + MAX_REASON_LENGTH
                    + " characters");
        }
        return reason;
    }
}
