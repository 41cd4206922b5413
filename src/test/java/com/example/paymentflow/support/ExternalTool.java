package com.example.paymentflow.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A program from the machine's PATH that some tests need (promtool, chromium...). Where it is absent the test is
 * skipped with a message saying how to install it, so that {@code mvn test} passes on a fresh machine; .ci/run
 * installs them.
 */
public final class ExternalTool {

    private final Path executable;

    private ExternalTool(Path executable) {
        this.executable = executable;
    }

    public static Optional<Path> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** The tool, or the test is skipped (not failed) with the install hint. */
    public static ExternalTool require(String name, String installHint) {
        Optional<Path> found = find(name);
        assumeTrue(found.isPresent(), name + " is not installed, test skipped (" + installHint + ")");
        return new ExternalTool(found.get());
    }

    public Path executable() {
        return executable;
    }

    /** Runs the tool in the directory; its exit code and everything it printed. */
    public Result run(Path directory, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Result(int exitCode, String output) {
    }
}
