package com.example.paymentflow.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The route files on disk that Camel loads at start-up: every {@code file:} pattern of
 * camel.main.routes-include-pattern, such as {@code file:routes/*.camel.yaml} (a directory and a file name pattern;
 * classpath patterns are not files, and are not watched).
 */
public final class RouteFiles {

    private record Pattern(String directory, String namePattern, PathMatcher names) {
    }

    private final List<Pattern> patterns;

    private RouteFiles(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    public static RouteFiles of(String includePattern) {
        List<Pattern> patterns = new ArrayList<>();
        for (String part : includePattern == null ? new String[0] : includePattern.split(",")) {
            String pattern = part.trim();
            if (!pattern.startsWith("file:")) {
                continue;
            }
            String path = pattern.substring("file:".length());
            int slash = path.lastIndexOf('/');
            String directory = slash < 0 ? "." : path.substring(0, slash);
            String names = path.substring(slash + 1);
            patterns.add(new Pattern(directory, names, FileSystems.getDefault().getPathMatcher("glob:" + names)));
        }
        return new RouteFiles(patterns);
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** The watched places, as configured, e.g. routes/*.camel.yaml. */
    public String describe() {
        return String.join(", ", patterns.stream().map(p -> p.directory() + "/" + p.namePattern()).toList());
    }

    /**
     * Every matching file and its content, by location as Camel names it (file:routes/erp.camel.yaml). A file
     * that disappears while being read is left out, as it would be a moment later.
     */
    public Map<String, byte[]> read() {
        Map<String, byte[]> files = new TreeMap<>();
        for (Pattern pattern : patterns) {
            Path directory = Path.of(pattern.directory());
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(directory)) {
                for (Path file : entries.sorted().toList()) {
                    if (Files.isRegularFile(file) && pattern.names().matches(file.getFileName())) {
                        readInto(files, "file:" + pattern.directory() + "/" + file.getFileName(), file);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + directory, e);
            }
        }
        return files;
    }

    private static void readInto(Map<String, byte[]> files, String location, Path file) throws IOException {
        try {
            files.put(location, Files.readAllBytes(file));
        } catch (NoSuchFileException deletedMeanwhile) {
            // as if listed a moment later
        }
    }

    /** Whether two readings hold the same files with the same content. */
    public static boolean same(Map<String, byte[]> one, Map<String, byte[]> other) {
        return one.keySet().equals(other.keySet())
                && one.keySet().stream().allMatch(location -> Arrays.equals(one.get(location), other.get(location)));
    }
}
