package com.example.paymentflow.email;

import java.math.BigDecimal;
import java.util.Currency;

import com.example.paymentflow.event.IncompleteEventException;
import com.example.paymentflow.event.PaymentEvent;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.springframework.stereotype.Component;

/** Writes the e-mail that tells a customer their payment failed. */
@Component
public class PaymentFailedEmail {

    public record Message(String to, String subject, String text) {

        @Override
        public String toString() {
            return "Message[subject=" + subject + "]";
        }
    }

    public Message compose(PaymentEvent event) {
        String amount = formatAmount(event.amountMinor(), event.currency());
        String greeting = event.customerName().map(name -> "Dear " + name + ",").orElse("Hello,");
        String text = greeting + "\n\n"
                + "your payment of " + amount + " failed, and you have not been charged.\n"
                + "Please check your payment details and try again.\n\n"
                + "Payment reference: " + event.objectId() + "\n";
        return new Message(recipient(event), "Your payment of " + amount + " failed", text);
    }

    /**
     * The customer's address, if it is exactly one address and nothing more: a list ("a@x, b@y") or a display name
     * would send the customer's payment to whoever else it names. The reason never quotes the address.
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
            throw new IncompleteEventException("data.object.customer.email is not one e-mail address");
        }
        return address.getAddress();
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
