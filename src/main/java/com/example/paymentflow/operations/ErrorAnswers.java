package com.example.paymentflow.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.springframework.stereotype.Component;

/**
 * The JSON body of a refused or failed operations request, {@code {"error": "..."}}, set by operations-error-handling
 * (error-handling.camel.yaml): the reason of the {@link RefusedOperationException} among the failure's causes (a bean
 * called from a route's expression comes wrapped in Camel's exception), a body that is not JSON, or no detail at all
 * for anything else.
 */
@Component
public class ErrorAnswers {

    public record ErrorAnswer(String error) {
    }

    public ErrorAnswer of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RefusedOperationException refusal) {
                return new ErrorAnswer(refusal.getMessage());
            }
            if (cause instanceof MismatchedInputException) {
                // JSON, but a field of the wrong kind ({"reason": ["a"]}): not "not JSON"
                return new ErrorAnswer("the request body is JSON, but not of the form {\"reason\": \"...\"}");
            }
            if (cause instanceof JsonProcessingException) {
                // Jackson's message would repeat what was sent
                return new ErrorAnswer("the request body is not JSON");
            }
        }
        // an unexpected failure: its details go to the log only
        return new ErrorAnswer("Internal error");
    }
}
