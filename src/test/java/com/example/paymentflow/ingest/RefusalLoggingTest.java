package com.example.paymentflow.ingest;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.paymentflow.support.EndToEndTest;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RawHttpConnection;
import com.example.paymentflow.support.WebhookClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** A thousand forged requests leave a summary in the log, not a thousand lines. */
@ExtendWith(OutputCaptureExtension.class)
class RefusalLoggingTest extends EndToEndTest {

    private static final Pattern FORGED = Pattern.compile("(\\d+) from 127\\.0\\.0\\.1 \\(signature_mismatch\\)");

    @Autowired
    RefusalLog refusalLog;

    @Test
    void aThousandForgedRequestsAreSummedUpInALineOrTwo(CapturedOutput output) throws Exception {
        byte[] body = PaymentEvents.bytes(PaymentEvents.event("payment.succeeded"));
        byte[] forged = WebhookClient.rawPost(body, WebhookClient.sign(body, "whsec_forger"), "application/json");
        // the first request of a fresh service logs the web layer's start
        sendAnswered(forged, 1, 401);
        refusalLog.flush();
        int linesBefore = (int) output.getOut().lines().count();

        sendAnswered(forged, 1000, 401);
        refusalLog.flush();

        // about the refusals (other contexts of the test run may log about their own affairs meanwhile): at most the
        // scheduled summary that fell in between, and the one flushed here
        var linesSince = output.getOut().lines().skip(linesBefore)
                .filter(line -> line.contains("127.0.0.1") || line.toLowerCase().contains("signature")).toList();
        assertThat(linesSince).hasSizeLessThanOrEqualTo(2).allMatch(line -> line.contains("RefusalLog"));
        int counted = 0;
        for (String line : linesSince) {
            Matcher count = FORGED.matcher(line);
            assertThat(count.find()).as(line).isTrue();
            counted += Integer.parseInt(count.group(1));
        }
        assertThat(counted).isEqualTo(1000);
    }

    @Test
    void requestsOfAMethodTheWebhookPathDoesNotTakeLeaveNoLineEach(CapturedOutput output) throws Exception {
        byte[] get = ("GET " + WebhookClient.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(UTF_8);
        int linesBefore = (int) output.getOut().lines().count();

        sendAnswered(get, 200, 405);

        assertThat(output.getOut().lines().skip(linesBefore).filter(line -> line.contains("'GET'"))).isEmpty();
    }

    /** Sends the request this many times over kept-alive connections, a new one whenever the service closed it. */
    private void sendAnswered(byte[] request, int times, int status) throws IOException {
        RawHttpConnection connection = RawHttpConnection.open(port, Duration.ofSeconds(30));
        try {
            for (int i = 0; i < times; i++) {
                if (connection.isClosedByServer()) {
                    connection.close();
                    connection = RawHttpConnection.open(port, Duration.ofSeconds(30));
                }
                assertThat(connection.exchange(request).status()).isEqualTo(status);
            }
        } finally {
            connection.close();
        }
    }
}
