package com.example.paymentflow.routes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Live reload of routes/: reads the route files every interval and, once an edit has settled (the files read the
 * same twice in a row), parses every file into a candidate set of routes without touching the running ones. A file
 * that does not parse, a set that breaks a {@link RouteSetCheck}, or a route Camel cannot run refuses the edit
 * whole: the running routes serve on, the log names the file (and line and column where the parser knows them),
 * and {@link #status()} shows it until a later edit is applied. Otherwise only the routes of the edited files, and
 * of the files that depend on them, are replaced ({@link RouteSwap}).
 */
public final class RoutesReloader implements ApplicationListener<ApplicationReadyEvent>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RoutesReloader.class);

    /** The last applied and the last refused edit, for the health endpoint. */
    public record Status(String watching, Applied lastApplied, Refused lastRefusedEdit) {
    }

    public record Applied(Instant at, List<String> files) {
    }

    public record Refused(Instant at, String file, int line, int column, String reason) {
    }

    private final RouteFiles files;
    private final RouteFileParser parser;
    private final List<RouteSetCheck> checks;
    private final RouteSwap swap;
    private final boolean inlineRestRoutes;
    private final ScheduledExecutorService poller;
    private final Duration interval;

    // only the poller thread changes these
    private Map<String, byte[]> lastRead;
    private Map<String, byte[]> lastConsidered;
    private Map<String, byte[]> running;
    private RouteSet current;
    private volatile Status status;

    RoutesReloader(CamelContext camel, RouteFiles files, List<RouteSetCheck> checks, SwapGate gate,
                   RouteChanges changes, Duration interval) {
        this.interval = interval;
        this.files = files;
        this.parser = new RouteFileParser(camel);
        this.checks = checks;
        this.swap = new RouteSwap(camel, parser, gate, changes);
        this.inlineRestRoutes = camel.getRestConfiguration().isInlineRoutes();
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "routes-reload");
            thread.setDaemon(true);
            return thread;
        });
        this.status = new Status(files.describe(), null, null);
    }

    /** Once the service runs: takes the files as they are as what runs, then watches them. */
    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        if (files.isEmpty()) {
            LOG.info("Live reload of routes off: camel.main.routes-include-pattern names no file: pattern");
            return;
        }
        poller.scheduleWithFixedDelay(this::pollSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Live reload of routes on: watching {} every {} ms", files.describe(), interval.toMillis());
    }

    public Status status() {
        return status;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException unexpected) {
            LOG.error("Live reload of routes failed unexpectedly; it goes on watching", unexpected);
        }
    }

    private void poll() {
        Map<String, byte[]> read = files.read();
        if (running == null) {
            running = read;
            lastRead = read;
            lastConsidered = read;
            current = parseQuietly(read);
            return;
        }
        boolean settled = RouteFiles.same(read, lastRead);
        lastRead = read;
        if (!settled || RouteFiles.same(read, lastConsidered)) {
            return;
        }
        lastConsidered = read;
        Set<String> edited = edited(running, read);
        if (edited.isEmpty()) {
            // a refused edit undone: what runs is what is on disk again
            status = new Status(status.watching(), status.lastApplied(), null);
            LOG.info("The route files are back to the routes that run");
            return;
        }
        try {
            RouteSet candidate = check(read);
            swap.apply(current, candidate, edited, RouteSet.affectedFiles(current, candidate, edited));
            current = candidate;
            running = read;
            // logged before the status shows it: whoever sees the status finds the line in the log
            LOG.info("Routes reloaded from {}", String.join(", ", edited));
            status = new Status(status.watching(), new Applied(Instant.now(), List.copyOf(edited)), null);
        } catch (RefusedEditException refused) {
            LOG.warn("Refused the edit of {}: {}. The running routes are unchanged.", String.join(", ", edited),
                    refused.describe());
            status = new Status(status.watching(), status.lastApplied(), new Refused(Instant.now(),
                    refused.file(), refused.line(), refused.column(), refused.getMessage()));
        }
    }

    /** Parses every file and runs every check over the whole set; the first problem refuses the edit. */
    private RouteSet check(Map<String, byte[]> read) {
        RouteSet candidate = parse(read);
        candidate.checkUniqueConfigurationAndTemplateIds();
        List<RouteDefinition> routes = candidate.candidateRoutes();
        try {
            for (RouteSetCheck check : checks) {
                check.check(routes);
            }
            RouteSet.checkConfigurationsExist(routes, candidate.configurationIds());
        } catch (RejectedRoutesException rejected) {
            throw new RefusedEditException(String.join(", ", edited(running, read)), 0, 0,
                    rejected.getMessage(), rejected);
        }
        return candidate;
    }

    private RouteSet parse(Map<String, byte[]> read) {
        List<RouteFile> parsed = new ArrayList<>();
        read.forEach((location, content) -> parsed.add(parser.parse(location, content)));
        return new RouteSet(parsed, inlineRestRoutes);
    }

    /** What runs at start-up; unknown (null) if the files changed into something unreadable meanwhile. */
    private RouteSet parseQuietly(Map<String, byte[]> read) {
        try {
            return parse(read);
        } catch (RefusedEditException refused) {
            LOG.warn("The route files changed while the service started and are refused: {}", refused.describe());
            return null;
        }
    }

    private static Set<String> edited(Map<String, byte[]> before, Map<String, byte[]> after) {
        Set<String> locations = new TreeSet<>(before.keySet());
        locations.addAll(after.keySet());
        Set<String> edited = new LinkedHashSet<>();
        for (String location : locations) {
            if (!Arrays.equals(before.get(location), after.get(location))) {
                edited.add(location);
            }
        }
        return edited;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
