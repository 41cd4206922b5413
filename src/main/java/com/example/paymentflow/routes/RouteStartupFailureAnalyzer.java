package com.example.paymentflow.routes;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.camel.FailedToCreateRouteException;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.Environment;

/**
 * Start-up stopped by a route file: reported as Spring Boot reports a missing setting ("APPLICATION FAILED TO
 * START", what and where, what to do), naming the file, and line and column where the parser knows them, as a
 * refused live edit does; instead of the exception's chain, where that line was buried in some 50 lines of stack.
 */
public class RouteStartupFailureAnalyzer implements FailureAnalyzer {

    private static final String ACTION = "Correct the route file (docs/routes.md: the destination contract and the "
            + "rules of the routes) and start again; while the service runs, a broken edit is refused instead.";

    private final Environment environment;

    public RouteStartupFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        String description = describe(failure);
        return description == null ? null : new FailureAnalysis(description, ACTION, failure);
    }

    private String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RejectedRoutesException rejected) {
                return rejected.getMessage();
            }
            if (cause instanceof MarkedYamlEngineException marked) {
                String file = marked.getProblemMark().or(marked::getContextMark).map(mark -> mark.getName())
                        .orElse("a route file");
                return "in " + RouteFileParser.refusal(file, marked).describe();
            }
            if (cause instanceof FailedToCreateRouteException notCreated) {
                return "in " + fileOf(notCreated.getRouteId()) + ": Camel could not create route "
                        + notCreated.getRouteId() + ": " + NestedExceptionUtils.getMostSpecificCause(notCreated).getMessage();
            }
            if (cause.getMessage() != null && cause.getMessage().startsWith("Resource is empty: ")) {
                return "in " + cause.getMessage().substring("Resource is empty: ".length()) + ": the file is empty";
            }
        }
        return null;
    }

    /** The route file that gives the route its id, as far as its text says. */
    private String fileOf(String routeId) {
        Pattern declaration = Pattern.compile("^\\s*(- )?\\s*id:\\s*[\"']?" + Pattern.quote(String.valueOf(routeId))
                + "[\"']?\\s*$", Pattern.MULTILINE);
        RouteFiles files = RouteFiles.of(environment.getProperty("camel.main.routes-include-pattern", ""));
        for (Map.Entry<String, byte[]> file : files.read().entrySet()) {
            if (declaration.matcher(new String(file.getValue(), StandardCharsets.UTF_8)).find()) {
                return file.getKey();
            }
        }
        return "the route files";
    }
}
