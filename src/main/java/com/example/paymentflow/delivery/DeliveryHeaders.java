package com.example.paymentflow.delivery;

import com.example.paymentflow.event.ParseEventProcessor;
import org.springframework.web.util.UriUtils;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The headers a destination route receives with the parsed event (its body): the destination contract of
 * docs/routes.md. Nothing else is set on the exchange.
 */
public final class DeliveryHeaders {

    /** The PaymentFlow event id. The webhook route's header of the same name. */
    public static final String EVENT_ID = ParseEventProcessor.EVENT_ID;
    /** The event id as an HTTP header can carry it: the ERP's Idempotency-Key ({@link #idempotencyKeyOf}). */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    /** The PaymentFlow event type, e.g. payment.succeeded. The webhook route's header of the same name. */
    public static final String EVENT_TYPE = ParseEventProcessor.EVENT_TYPE;
    /** The delivery's id, as the operations API shows it. */
    public static final String DELIVERY_ID = "deliveryId";
    /** The number of this attempt: 1 for the first, counted again from 1 after a replay. */
    public static final String DELIVERY_ATTEMPT = "deliveryAttempt";

    private DeliveryHeaders() {
    }

    /**
     * The event id, percent-encoded as in a URI (RFC 3986): a PaymentFlow id (letters, digits, {@code _}) as it is.
     * An HTTP header carries only ASCII: a character beyond it would reach the destination as {@code ?} or a stray
     * byte, and two events' keys could be equal. Encoding {@code %} too keeps every two ids' keys apart.
     */
    public static String idempotencyKeyOf(String eventId) {
        return UriUtils.encode(eventId, UTF_8);
    }
}
