package com.example.paymentflow.delivery;

import java.net.ConnectException;

import com.example.paymentflow.event.IncompleteEventException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailureClassifierTest {

    private final FailureClassifier classifier = new FailureClassifier();

    @Test
    void erpClientErrorsAreFinalExceptTimeoutTooEarlyAndRateLimit() throws Exception {
        assertThat(classifier.classify(http(400))).isEqualTo(new FailureVerdict(false, "answered HTTP 400"));
        assertThat(classifier.classify(http(404)).retryable()).isFalse();
        assertThat(classifier.classify(http(422)).retryable()).isFalse();
        assertThat(classifier.classify(http(408)).retryable()).isTrue();
        assertThat(classifier.classify(http(425)).retryable()).isTrue();
        assertThat(classifier.classify(http(429)).retryable()).isTrue();
        assertThat(classifier.classify(http(500)).retryable()).isTrue();
        assertThat(classifier.classify(http(503)).retryable()).isTrue();
    }

    @Test
    void theUrlOfTheDestinationIsNotRepeatedInTheSummary() {
        assertThat(classifier.classify(http(500)).summary()).doesNotContain("token");
    }

    @Test
    void aRecipientRefusedForGoodIsFinalAndForNowIsRetried() throws Exception {
        InternetAddress customer = new InternetAddress("jane@example.com");
        SMTPAddressFailedException permanent = new SMTPAddressFailedException(customer, "RCPT", 550, "no such user");
        SMTPAddressFailedException temporary = new SMTPAddressFailedException(customer, "RCPT", 451, "try later");

        FailureVerdict refused = classifier.classify(new MessagingException("send failed", permanent));
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.summary()).doesNotContain("jane@example.com");
        assertThat(classifier.classify(new MessagingException("send failed", temporary)).retryable()).isTrue();
        assertThat(classifier.classify(new AddressException("bad address", "jane@@example")).retryable()).isFalse();
    }

    @Test
    void anEventLackingWhatTheDestinationNeedsIsFinal() {
        FailureVerdict verdict = classifier.classify(
                new CamelExchangeException("failed", null, new IncompleteEventException("data.object.amount is missing")));

        assertThat(verdict).isEqualTo(new FailureVerdict(false, "data.object.amount is missing"));
    }

    @Test
    void connectionProblemsAreRetriedAndDescribedWithoutAddresses() {
        FailureVerdict verdict = classifier.classify(new MessagingException("could not send to jane@example.com",
                new ConnectException("Connection refused")));

        assertThat(verdict.retryable()).isTrue();
        assertThat(verdict.summary()).isEqualTo("MessagingException caused by ConnectException: Connection refused");
        assertThat(classifier.classify(new IllegalStateException("mail for jane@example.com")).summary())
                .isEqualTo("IllegalStateException: mail for <address>");
    }

    private static HttpOperationFailedException http(int status) {
        return new HttpOperationFailedException("http://erp.example/?token=secret", status, "status", null, null, "");
    }
}
