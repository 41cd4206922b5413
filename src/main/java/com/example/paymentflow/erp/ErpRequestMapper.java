package com.example.paymentflow.erp;

import java.util.LinkedHashMap;
import java.util.Map;

import com.example.paymentflow.event.PaymentEvent;
import org.springframework.stereotype.Component;

/** The JSON document the ERP receives for a payment or refund event. */
@Component
public class ErpRequestMapper {

    public Map<String, Object> toRequest(PaymentEvent event) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("event_id", event.id());
        request.put("event_type", event.type());
        request.put(event.type().startsWith("refund.") ? "refund_id" : "payment_id", event.objectId());
        request.put("amount_minor", event.amountMinor());
        request.put("currency", event.currency());
        request.put("customer", event.customer());
        request.put("occurred_at", event.occurredAt().toString());
        return request;
    }
}
