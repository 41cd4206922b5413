package com.example.paymentflow.sandbox;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.NestedExceptionUtils;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * {@code java -jar paymentflow-webhooks.jar send ...}: PaymentFlow's sandbox in the jar. Signs and POSTs test events
 * to a running service, without starting one, and prints every answer; exit code 0 when every answer was 2xx.
 */
@Command(name = "java -jar paymentflow-webhooks.jar send", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        version = "paymentflow-webhooks send",
        description = {
                "Signs a PaymentFlow test event and POSTs it to a running service (this command starts none), then "
                        + "prints the status and body of the answer.",
                "The signature is the hex HMAC-SHA256 of the exact body bytes in the PaymentFlow-Signature header (the "
                        + "paymentflow scheme, the service's default WEBHOOK_SIGNATURE_SCHEME).",
                ""},
        footer = {
                "",
                "Exit code: 0 when every answer was 2xx; 1 when one was not, or the service could not be reached; "
                        + "2 for a wrong command line.",
                "",
                "Examples, against the service started with the dev profile:",
                "  export WEBHOOK_SECRET=whsec_dev_only_not_a_secret",
                "  pf='java -jar target/paymentflow-webhooks.jar'",
                "  $pf send --type payment.failed    # 200 Webhook received",
                "  $pf send --duplicate              # then 200 Event already processed",
                "  $pf send --bad-signature          # 401 Invalid signature, exit code 1",
                "  $pf send --count 50               # 50 new events at once",
                "  $pf send --file my-event.json     # exactly these bytes"})
public final class SendCommand implements Callable<Integer> {

    public static final String NAME = "send";

    /** Requests in flight at once during a burst: enough to overlap, not enough to queue up in the server. */
    private static final int BURST_CONCURRENCY = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://localhost:8080/webhooks/paymentflow",
            description = "The service's webhook endpoint (default: ${DEFAULT-VALUE}).")
    private URI url;

    @Option(names = "--secret", paramLabel = "S", defaultValue = "${env:WEBHOOK_SECRET}",
            description = "The signing secret, as the service's WEBHOOK_SECRET (default: the environment variable "
                    + "WEBHOOK_SECRET).")
    private String secret;

    @ArgGroup(exclusive = true)
    private Payload payload = new Payload();

    @Option(names = "--duplicate",
            description = "Send each event a second time once its first answer is in (expect 'Event already "
                    + "processed').")
    private boolean duplicate;

    @Option(names = "--bad-signature",
            description = "Sign with a wrong secret (expect 401 'Invalid signature', and nothing stored).")
    private boolean badSignature;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1",
            description = "Send N events at once, a burst (default: ${DEFAULT-VALUE}); each is new, unless --file "
                    + "repeats one.")
    private int count;

    static final class Payload {

        @Option(names = "--type", paramLabel = "T", defaultValue = "payment.succeeded",
                description = "The type of a realistic event with fresh ids: payment.succeeded, payment.failed or "
                        + "refund.created (default: ${DEFAULT-VALUE}).")
        String type = "payment.succeeded";

        @Option(names = "--file", paramLabel = "FILE",
                description = "Send this file's exact bytes instead, e.g. an event saved from PaymentFlow.")
        Path file;
    }

    private final PrintWriter out;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    private SendCommand(PrintWriter out) {
        this.out = out;
    }

    /** Runs the command line (the arguments after {@code send}); returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new SendCommand(out));
        commandLine.setOut(out);
        commandLine.setErr(err);
        int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    @Override
    public Integer call() throws Exception {
        if (secret == null || secret.isBlank()) {
            throw new ParameterException(spec.commandLine(), "Give --secret, or set WEBHOOK_SECRET");
        }
        if (count < 1 || count > 10_000) {
            throw new ParameterException(spec.commandLine(), "--count must be from 1 to 10000");
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new ParameterException(spec.commandLine(), "--url must be an http or https URL");
        }
        if (payload == null) {
            payload = new Payload();
        }
        if (payload.file == null && !SampleEvents.TYPES.contains(payload.type)) {
            throw new ParameterException(spec.commandLine(), "No sample event of type '" + payload.type + "': use one of "
                    + String.join(", ", SampleEvents.TYPES) + ", or --file for any other");
        }
        byte[] fileBody = payload.file == null ? null : readFile(payload.file);
        WebhookSigner signer = WebhookSigner.paymentflow(badSignature ? UUID.randomUUID().toString() : secret);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Semaphore inFlight = new Semaphore(BURST_CONCURRENCY);
        List<CompletableFuture<Void>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] body = fileBody != null ? fileBody : SampleEvents.of(payload.type);
            inFlight.acquire();
            events.add(deliver(http, signer, body).whenComplete((done, error) -> inFlight.release()));
        }
        CompletableFuture.allOf(events.toArray(CompletableFuture[]::new)).join();
        if (sent.get() > 1) {
            out.printf("%d sent: %s%n", sent.get(), failed.get() == 0 ? "every answer was 2xx"
                    : failed.get() + " not answered 2xx");
        }
        return failed.get() == 0 ? 0 : 1;
    }

    /** Sends the event, and once more after its answer with --duplicate. */
    private CompletableFuture<Void> deliver(HttpClient http, WebhookSigner signer, byte[] body) {
        String label = label(body);
        CompletableFuture<Void> first = post(http, signer, body, label);
        return duplicate ? first.thenCompose(done -> post(http, signer, body, label + " (again)")) : first;
    }

    private CompletableFuture<Void> post(HttpClient http, WebhookSigner signer, byte[] body, String label) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signer.headersFor(body).forEach(request::header);
        sent.incrementAndGet();
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8))
                .handle((answer, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                        report(label + " -> no answer: " + rootMessage(error) + " (is the service running at "
                                + url + "?)");
                    } else {
                        if (answer.statusCode() / 100 != 2) {
                            failed.incrementAndGet();
                        }
                        report(label + " -> " + answer.statusCode() + " " + answer.body());
                    }
                    return null;
                });
    }

    private synchronized void report(String line) {
        out.println(line);
        out.flush();
    }

    private String label(byte[] body) {
        try {
            JsonNode event = JSON.readTree(body);
            String id = event.path("id").asText("?");
            String type = event.path("type").asText("?");
            return (badSignature ? "[bad signature] " : "") + type + " " + id;
        } catch (IOException notJson) {
            return String.valueOf(payload.file);
        }
    }

    private byte[] readFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "Cannot read --file " + file + ": " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(error);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
