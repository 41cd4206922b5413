package com.example.paymentflow.email;

import com.example.paymentflow.event.EventParser;
import com.example.paymentflow.event.IncompleteEventException;
import com.example.paymentflow.event.PaymentEvent;
import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentFailedEmailTest {

    private final PaymentFailedEmail email = new PaymentFailedEmail();

    @Test
    void tellsTheCustomerTheAmountThatFailed() {
        PaymentFailedEmail.Message message = email.compose(event(2999, "usd", "\"jane@example.com\""));

        assertThat(message.to()).isEqualTo("jane@example.com");
        assertThat(message.subject()).isEqualTo("Your payment of 29.99 USD failed");
        assertThat(message.text()).contains("Dear Jane Doe,").contains("29.99 USD").contains("pay_1");
        assertThat(message.toString()).doesNotContain("jane@example.com");
    }

    @Test
    void saysWhenThePaymentFailedForAMailThatArrivesLate() {
        PaymentFailedEmail.Message message = email.compose(new EventParser().parse(("{\"id\":\"evt_1\",\"type\":"
                + "\"payment.failed\",\"created\":1764496800,\"data\":{\"object\":{\"id\":\"pay_1\",\"amount\":2999,"
                + "\"currency\":\"usd\",\"customer\":{\"email\":\"jane@example.com\"}}}}").getBytes(UTF_8)));

        assertThat(message.text()).contains("your payment of 29.99 USD on 30 November 2025 at 10:00 UTC failed");
        assertThat(email.compose(event(2999, "usd", "\"jane@example.com\"")).text())
                .as("an event that does not say when").contains("your payment of 29.99 USD failed");
    }

    @Test
    void formatsAmountsInTheCurrencysOwnMinorUnits() {
        assertThat(PaymentFailedEmail.formatAmount(2999, "USD")).isEqualTo("29.99 USD");
        assertThat(PaymentFailedEmail.formatAmount(5, "EUR")).isEqualTo("0.05 EUR");
        assertThat(PaymentFailedEmail.formatAmount(2999, "JPY")).isEqualTo("2999 JPY");
        assertThat(PaymentFailedEmail.formatAmount(2999, "BHD")).isEqualTo("2.999 BHD");
        assertThat(PaymentFailedEmail.formatAmount(2999, "XYZ")).isEqualTo("29.99 XYZ");
    }

    @Test
    void anEventWithoutCustomerAddressCannotBeMailed() {
        assertThatThrownBy(() -> email.compose(event(2999, "usd", "null")))
                .isInstanceOf(IncompleteEventException.class);
    }

    @Test
    void anAddressThatIsNotExactlyOneAddressIsNeverMailed() {
        for (String address : new String[] {"not-an-email", "victim@example.com, other@example.net",
                "victim@example.com;other@example.net", "Jane Doe <jane@example.com>", "list: a@example.com;",
                "jane@example.com\\r\\nBcc: other@example.net", "jane@@example.com"}) {
            assertThatThrownBy(() -> email.compose(event(2999, "usd", "\"" + address + "\"")))
                    .as(address).isInstanceOf(IncompleteEventException.class)
                    .hasMessage("data.object.customer.email is not one e-mail address");
        }
        assertThat(email.compose(event(2999, "usd", "\" jane@example.com \"")).to()).isEqualTo("jane@example.com");
    }

    @Test
    void aDomainBeyondAsciiIsSentInItsAsciiFormAndAMailboxNameBeyondAsciiIsNeverMailed() {
        assertThat(email.compose(event(2999, "usd", "\"anna@b\u00fccher.example\"")).to())
                .isEqualTo("anna@xn--bcher-kva.example");
        // the mail transport cut these to bytes: "\u4e61\u4e62\u4e63@" went out to "abc@", another person
        for (String address : new String[] {"\u4e61\u4e62\u4e63@example.com", "j\u00f6s\u00e9@example.de"}) {
            assertThatThrownBy(() -> email.compose(event(2999, "usd", "\"" + address + "\"")))
                    .as(address).isInstanceOf(IncompleteEventException.class)
                    .hasMessage("data.object.customer.email has characters beyond ASCII before the @, which this "
                            + "service cannot send (SMTPUTF8)");
        }
    }

    @Test
    void aLineBreakInTheNameWritesNoLineOfItsOwn() {
        PaymentFailedEmail.Message message = email.compose(new EventParser().parse(("{\"id\":\"evt_1\",\"type\":"
                + "\"payment.failed\",\"data\":{\"object\":{\"id\":\"pay_1\",\"amount\":5,\"currency\":\"usd\","
                + "\"customer\":{\"email\":\"jane@example.com\",\"name\":\"Jane\\r\\nBcc: x@example.net\\r\\n\\r\\n"
                + "Pay here\"}}}}").getBytes(UTF_8)));

        assertThat(message.text()).startsWith("Dear Jane Bcc: x@example.net Pay here,\n\n");
    }

    private static PaymentEvent event(long amount, String currency, String emailJson) {
        return new EventParser().parse(("{\"id\":\"evt_1\",\"type\":\"payment.failed\",\"data\":{\"object\":{"
                + "\"id\":\"pay_1\",\"amount\":" + amount + ",\"currency\":\"" + currency + "\",\"customer\":{"
                + "\"email\":" + emailJson + ",\"name\":\"Jane Doe\"}}}}").getBytes(UTF_8));
    }
}
