package com.example.paymentflow.email;

import java.time.Duration;
import java.util.Arrays;

import com.example.paymentflow.support.EndToEndTest;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RunningService;
import com.example.paymentflow.support.TestEnvironment;
import com.example.paymentflow.support.TestPostgres;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With SMTP_STARTTLS=required, mail goes only over a connection upgraded to TLS: to a server that does not offer
 * STARTTLS (the test's GreenMail, or a man in the middle who strips the offer) neither the password nor the
 * customer's mail is sent. By default, a server that does not offer it still gets the mail.
 */
class MailTransportSecurityTest {

    private static final TestEnvironment ENV = TestEnvironment.get();

    @Test
    void withStarttlsRequiredNothingIsSentToAServerThatDoesNotOfferIt() {
        String customer = PaymentEvents.newId("tls.") + "@example.com";
        ObjectNode event = PaymentEvents.event("payment.failed", PaymentEvents.newId("evt_"),
                PaymentEvents.newId("pay_"), 2999, customer);
        String eventId = PaymentEvents.id(event);

        try (RunningService service = RunningService.start(TestPostgres.get().createDatabase(),
                "paymentflow.mail.username=mailer", "paymentflow.mail.password=Smtp-Pa55-tls-test",
                "paymentflow.mail.starttls=required")) {
            assertThat(service.paymentflow().send(event).body()).isEqualTo("Webhook received");

            await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(
                    EndToEndTest.deliveryStates(service.jdbc(), eventId).get("email")));
            assertThat(service.jdbc().queryForObject("SELECT last_error FROM deliveries WHERE event_id = ?",
                    String.class, eventId)).contains("STARTTLS");
        }
        assertThat(Arrays.stream(ENV.mail().getReceivedMessages()).filter(message -> mentions(message, customer)))
                .isEmpty();
    }

    @Test
    void byDefaultMailIsSentToAServerThatDoesNotOfferStarttls() {
        String customer = PaymentEvents.newId("plain.") + "@example.com";
        ObjectNode event = PaymentEvents.event("payment.failed", PaymentEvents.newId("evt_"),
                PaymentEvents.newId("pay_"), 2999, customer);

        try (RunningService service = RunningService.start(TestPostgres.get().createDatabase())) {
            service.paymentflow().send(event);

            await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(
                    EndToEndTest.deliveryStates(service.jdbc(), PaymentEvents.id(event)).get("email")));
        }
        assertThat(Arrays.stream(ENV.mail().getReceivedMessages()).filter(message -> mentions(message, customer)))
                .hasSize(1);
    }

    private static boolean mentions(jakarta.mail.internet.MimeMessage message, String address) {
        try {
            return Arrays.stream(message.getAllRecipients()).anyMatch(recipient -> recipient.toString().equals(address));
        } catch (jakarta.mail.MessagingException unreadable) {
            return false;
        }
    }
}
