package com.example.paymentflow.email;

import java.math.BigDecimal;
import java.net.IDN;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;

import com.example.paymentflow.event.IncompleteEventException;
import com.example.paymentflow.event.PaymentEvent;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.springframework.stereotype.Component;

import static java.nio.charset.StandardCharsets.US_ASCII;

/** Writes the e-mail that tells a customer their payment failed. */
@Component
public class PaymentFailedEmail {

    private static final String NOT_ONE_ADDRESS = "data.object.customer.email is not one e-mail address";
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}+");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM uuuu 'at' HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    public record Message(String to, String subject, String text) {

        @Override
        public String toString() {
            return "Message[subject=" + subject + "]";
        }
    }

    public Message compose(PaymentEvent event) {
        String amount = formatAmount(event.amountMinor(), event.currency());
        // a line break in the name would let it write lines of the mail's own
        String greeting = event.customerName().map(name -> "Dear " + CONTROL.matcher(name).replaceAll(" ").strip() + ",")
                .orElse("Hello,");
        String text = greeting + "\n\n"
                + "your payment of " + amount + when(event) + " failed, and you have not been charged.\n"
                + "Please check your payment details and try again.\n\n"
                + "Payment reference: " + event.objectId() + "\n";
        return new Message(recipient(event), "Your payment of " + amount + " failed", text);
    }

    /**
     * When it failed, as PaymentFlow says ({@code created}): a mail that waited for a mail server, or was sent when
     * the event was routed again, may arrive hours or days later. Nothing when the event does not say.
     */
    private static String when(PaymentEvent event) {
        try {
            return " on " + WHEN.format(event.occurredAt());
        } catch (IncompleteEventException noTime) {
            return "";
        }
    }

    /**
     * The customer's address, if it is exactly one address and nothing more: a list ("a@x, b@y") or a display name
     * would send the customer's payment to whoever else it names. SMTP carries it as ASCII: a domain beyond ASCII
     * (IDN) in its ASCII form, a mailbox name beyond ASCII refused, since the mail transport would send it with its
     * characters cut to bytes, to somebody else. The reason never quotes the address.
     */
    private static String recipient(PaymentEvent event) {
        InternetAddress address;
        try {
            address = new InternetAddress(event.customerEmail().strip(), true);
            address.validate();
        } catch (AddressException notAnAddress) {
            address = null;
        }
        if (address == null || address.getPersonal() != null || address.isGroup()) {
            throw new IncompleteEventException(NOT_ONE_ADDRESS);
        }
        String mailbox = address.getAddress();
        int at = mailbox.lastIndexOf('@');
        if (at < 1) {
            throw new IncompleteEventException(NOT_ONE_ADDRESS);
        }
        if (!US_ASCII.newEncoder().canEncode(mailbox.substring(0, at))) {
            throw new IncompleteEventException("data.object.customer.email has characters beyond ASCII before the @, "
                    + "which this service cannot send (SMTPUTF8)");
        }
        try {
            return mailbox.substring(0, at + 1) + IDN.toASCII(mailbox.substring(at + 1));
        } catch (IllegalArgumentException notADomain) {
            throw new IncompleteEventException(NOT_ONE_ADDRESS);
        }
    }

    /** 2999 USD reads "29.99 USD"; currencies without minor units (JPY) and with three (BHD) are respected. */
    static String formatAmount(long amountMinor, String currencyCode) {
        int digits;
        try {
            digits = Math.max(Currency.getInstance(currencyCode).getDefaultFractionDigits(), 0);
        } catch (IllegalArgumentException unknownCurrency) {
            digits = 2;
        }
        return BigDecimal.valueOf(amountMinor, digits).toPlainString() + " " + currencyCode;
    }
}
