package com.example.paymentflow.delivery;

/**
 * Thrown by a destination route (a {@code throwException} step, or a bean) when a delivery can never succeed, so
 * that it is dead at once instead of retried; the message says why, without customer data.
 */
public class PermanentDeliveryException extends RuntimeException {

    public PermanentDeliveryException(String reason) {
        super(reason);
    }
}
