package com.example.paymentflow.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.example.paymentflow.PaymentflowWebhooksApplication;

/**
 * The service as a separate operating-system process, started like {@code java -jar} from a working directory
 * (which supplies routes/ and config/), with settings in environment variables: for what only a real process can
 * show, such as its exit code or a SIGKILL. Its output goes to a file under {@link #LOGS}.
 */
public final class ServiceProcess implements AutoCloseable {

    /** Where the processes' output stays after the test, for reading when one fails. */
    public static final Path LOGS = Path.of("target", "service-logs");

    private final Process process;
    private final Path output;
    private final int port;

    private ServiceProcess(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    public static ServiceProcess start(Path workingDirectory, Map<String, String> environment, int port,
                                       String... args) throws IOException {
        List<String> arguments = new ArrayList<>();
        arguments.add("--server.port=" + port);
        arguments.addAll(List.of(args));
        Path output = Files.createTempFile(Files.createDirectories(LOGS), "paymentflow-process-", ".log");
        return new ServiceProcess(launch(workingDirectory, environment, output, arguments), output, port);
    }

    /** What a command of the jar (such as {@code send}) printed, and its exit code. */
    public record Finished(int exitCode, String output) {
    }

    /** Runs the application's main class with these arguments, as {@code java -jar} would, until it exits. */
    public static Finished run(Map<String, String> environment, Duration timeout, String... args)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("paymentflow-command", ".log");
        try {
            Process process = launch(Path.of("."), environment, output, List.of(args));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("still running after " + timeout + ": " + Files.readString(output));
            }
            return new Finished(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Process launch(Path workingDirectory, Map<String, String> environment, Path output,
                                  List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-cp", testClasspath(),
                PaymentflowWebhooksApplication.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PAYMENTFLOW_") || name.startsWith("SPRING_")
                || List.of("WEBHOOK_SECRET", "ERP_URL", "SMTP_HOST", "SMTP_PORT", "EMAIL_FROM").contains(name));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Classes and dependencies of this test run (surefire keeps them out of java.class.path). */
    private static String testClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until /actuator/health answers 200; false if the process ended first or time ran out. */
    public boolean awaitHealthy(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYetListening) {
                // keep waiting
            }
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        return false;
    }

    /** Waits for the process to end by itself; its exit code, or null if it is still running. */
    public Integer awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** SIGKILL: no shutdown hook, no graceful stop. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public String output() throws IOException {
        return Files.readString(output);
    }

    public static Path copyOfProjectLayout() throws IOException {
        Path directory = Files.createTempDirectory("paymentflow-workdir");
        copyTree(Path.of("routes"), directory.resolve("routes"));
        copyTree(Path.of("config"), directory.resolve("config"));
        return directory;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName().toString()));
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    public static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
