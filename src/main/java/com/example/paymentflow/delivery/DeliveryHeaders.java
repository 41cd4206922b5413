package com.example.paymentflow.delivery;

import com.example.paymentflow.event.ParseEventProcessor;

/**
 * The headers a destination route receives with the parsed event (its body): the destination contract of
 * docs/routes.md. Nothing else is set on the exchange.
 */
public final class DeliveryHeaders {

    /** The PaymentFlow event id. The webhook route's header of the same name. */
    public static final String EVENT_ID = ParseEventProcessor.EVENT_ID;
    /** The PaymentFlow event type, e.g. payment.succeeded. The webhook route's header of the same name. */
    public static final String EVENT_TYPE = ParseEventProcessor.EVENT_TYPE;
    /** The delivery's id, as the operations API shows it. */
    public static final String DELIVERY_ID = "deliveryId";
    /** The number of this attempt: 1 for the first, counted again from 1 after a replay. */
    public static final String DELIVERY_ATTEMPT = "deliveryAttempt";

    private DeliveryHeaders() {
    }
}
