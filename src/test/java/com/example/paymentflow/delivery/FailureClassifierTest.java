package com.example.paymentflow.delivery;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import com.example.paymentflow.event.IncompleteEventException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailureClassifierTest {

    private final FailureClassifier classifier = new FailureClassifier();

    @Test
    void erpClientErrorsAreFinalExceptTimeoutTooEarlyAndRateLimit() throws Exception {
        assertThat(classifier.classify(http(400))).isEqualTo(new FailureVerdict(false, "answered HTTP 400"));
        assertThat(classifier.classify(http(404)).retryable()).isFalse();
        assertThat(classifier.classify(http(422)).retryable()).isFalse();
        assertThat(classifier.classify(http(409)).retryable()).as("a request with the same key still in progress")
                .isTrue();
        assertThat(classifier.classify(http(408)).retryable()).isTrue();
        assertThat(classifier.classify(http(425)).retryable()).isTrue();
        assertThat(classifier.classify(http(429)).retryable()).isTrue();
        assertThat(classifier.classify(http(500)).retryable()).isTrue();
        assertThat(classifier.classify(http(503)).retryable()).isTrue();
    }

    @Test
    void aPermanentRedirectIsFinalAndATemporaryOneRetried() {
        assertThat(classifier.classify(http(301))).isEqualTo(new FailureVerdict(false,
                "answered HTTP 301 (moved permanently: the destination's URL needs updating)"));
        assertThat(classifier.classify(http(308)).retryable()).isFalse();
        assertThat(classifier.classify(http(302)).retryable()).isTrue();
        assertThat(classifier.classify(http(307)).retryable()).isTrue();
    }

    @Test
    void retryAfterInSecondsOrAsADateIsTheLeastWait() {
        Instant now = Instant.parse("2026-11-30T10:00:00Z");
        FailureClassifier classifier = new FailureClassifier(Clock.fixed(now, ZoneOffset.UTC));

        assertThat(classifier.classify(http(503, "Retry-After", "10")))
                .isEqualTo(new FailureVerdict(true, "answered HTTP 503, Retry-After 10 s", Duration.ofSeconds(10)));
        assertThat(classifier.classify(http(429, "retry-after", " 120 ")).waitAtLeast()).hasSeconds(120);
        assertThat(classifier.classify(http(503, "Retry-After", "Mon, 30 Nov 2026 10:00:42 GMT")).waitAtLeast())
                .hasSeconds(42);
        assertThat(classifier.classify(http(503, "Retry-After", "Mon, 30 Nov 2026 09:00:00 GMT")).waitAtLeast())
                .as("a date past").isZero();
        assertThat(classifier.classify(http(503, "Retry-After", "soon")))
                .isEqualTo(new FailureVerdict(true, "answered HTTP 503"));
        assertThat(classifier.classify(http(500)).waitAtLeast()).isZero();
        assertThat(classifier.classify(http(503, "Retry-After", "99999999999999999999999")).waitAtLeast())
                .as("more than a long holds: as long as can be").isEqualTo(Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(classifier.classify(http(404, "Retry-After", "10")).retryable()).isFalse();
    }

    @Test
    void theUrlOfTheDestinationIsNotRepeatedInTheSummary() {
        assertThat(classifier.classify(http(500)).summary()).doesNotContain("token");
    }

    @Test
    void aUrlInAFailureIsCutToItsHost() {
        FailureVerdict verdict = classifier.classify(new IllegalStateException(
                "No endpoint could be found for: https://erp.example/book/T0SECRET, please check your classpath"));

        assertThat(verdict.summary()).isEqualTo(
                "IllegalStateException: No endpoint could be found for: https://erp.example/..., please check your "
                        + "classpath");
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

    @Test
    void aMessageRefusedForGoodIsFinalAndForNowIsRetried() {
        FailureVerdict refused = classifier.classify(new MessagingException("send failed",
                new SMTPSendFailedException(".", 554, "554 5.7.1 rejected\n", null, null, null, null)));

        assertThat(refused).isEqualTo(new FailureVerdict(false, "mail server refused the message (SMTP 554)"));
        assertThat(classifier.classify(new SMTPSendFailedException(".", 451, "451 try later", null, null, null, null))
                .retryable()).isTrue();
    }

    @Test
    void aSummaryIsOneLine() {
        assertThat(classifier.classify(new IllegalStateException("first line\r\n  second line\n")).summary())
                .isEqualTo("IllegalStateException: first line second line");
    }

    private static HttpOperationFailedException http(int status) {
        return new HttpOperationFailedException("http://erp.example/?token=secret", status, "status", null, null, "");
    }

    private static HttpOperationFailedException http(int status, String header, String value) {
        return new HttpOperationFailedException("http://erp.example/", status, "status", null, Map.of(header, value),
                "");
    }
}
