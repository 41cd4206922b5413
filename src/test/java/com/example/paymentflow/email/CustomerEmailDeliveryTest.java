package com.example.paymentflow.email;

import java.util.Arrays;

import com.example.paymentflow.support.EndToEndTest;
import com.example.paymentflow.support.PaymentEvents;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A failed payment is mailed to the customer over SMTP, once, even when the mail server is down for a while. */
class CustomerEmailDeliveryTest extends EndToEndTest {

    @Test
    void failedPaymentIsMailedToTheCustomerFromTheConfiguredSender() throws Exception {
        String customer = PaymentEvents.newId("jane.") + "@example.com";
        ObjectNode event = failedPayment(customer);

        paymentflow.send(event);

        eventually().until(() -> messagesTo(customer).length == 1);
        MimeMessage message = messagesTo(customer)[0];
        assertThat(message.getFrom()).extracting(Object::toString).containsExactly("billing@merchant.example");
        assertThat(message.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly(customer);
        assertThat(message.getSubject()).isEqualTo("Your payment of 29.99 USD failed");
        assertThat(GreenMailUtil.getBody(message)).contains("29.99 USD").contains(PaymentEvents.objectId(event));
        eventually().until(() -> "delivered".equals(deliveryStates(PaymentEvents.id(event)).get("email")));
        assertThat(deliveryStates(PaymentEvents.id(event))).containsOnlyKeys("email");
    }

    @Test
    void mailServerDownThenUpGetsTheMessageOnce() throws Exception {
        String customer = PaymentEvents.newId("outage.") + "@example.com";
        ObjectNode event = failedPayment(customer);
        String eventId = PaymentEvents.id(event);
        ENV.stopMail();

        assertThat(paymentflow.send(event).body()).isEqualTo("Webhook received");
        eventually().until(() -> "failed".equals(deliveryStates(eventId).get("email")));

        ENV.startMail();
        eventually().until(() -> "delivered".equals(deliveryStates(eventId).get("email")));
        assertThat(messagesTo(customer)).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT attempts FROM deliveries WHERE event_id = ?", Integer.class, eventId))
                .isGreaterThan(1);
    }

    @Test
    void failedPaymentWithoutCustomerAddressIsDeadWithTheReason() {
        ObjectNode event = PaymentEvents.event("payment.failed");
        ((ObjectNode) event.get("data").get("object").get("customer")).remove("email");
        String eventId = PaymentEvents.id(event);

        paymentflow.send(event);

        eventually().until(() -> "dead".equals(deliveryStates(eventId).get("email")));
        assertThat(jdbc.queryForObject("SELECT last_error FROM deliveries WHERE event_id = ?", String.class, eventId))
                .isEqualTo("data.object.customer.email is missing or not a string");
    }

    private static ObjectNode failedPayment(String customer) {
        return PaymentEvents.event("payment.failed", PaymentEvents.newId("evt_"), PaymentEvents.newId("pay_"), 2999,
                customer);
    }

    private static MimeMessage[] messagesTo(String address) {
        return Arrays.stream(ENV.mail().getReceivedMessages())
                .filter(message -> {
                    try {
                        return Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                })
                .toArray(MimeMessage[]::new);
    }
}
