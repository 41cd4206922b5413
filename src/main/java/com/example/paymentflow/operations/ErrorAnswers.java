package com.example.paymentflow.operations;

import org.springframework.stereotype.Component;

/**
 * The JSON body of a refused operations request, {@code {"error": "..."}}, written by operations-error-handling
 * (error-handling.camel.yaml) from the reason of the {@link RefusedOperationException} among the failure's causes
 * (a bean called from a route's expression comes wrapped in Camel's exception).
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
        }
        // only called for refusals; an answer all the same, never an exception from the error handler
        return new ErrorAnswer("Request refused");
    }
}
