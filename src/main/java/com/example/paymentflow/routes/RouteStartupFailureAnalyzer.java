package com.example.paymentflow.routes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.NoSuchEndpointException;
import org.apache.camel.ResolveEndpointFailedException;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Start-up stopped by a route file: reported as Spring Boot reports a missing setting ("APPLICATION FAILED TO
 * START", what and where, what to do), naming the file, and line and column where the parser knows them, as a
 * refused live edit does; instead of the exception's chain, where that line was buried in some 50 lines of stack.
 * An endpoint Camel cannot make from an address the route takes from a setting ({@code uri: "{{paymentflow.erp.url}}"})
 * names the setting and its environment variable: the route is right, the setting is not.
 */
public class RouteStartupFailureAnalyzer implements FailureAnalyzer {

    private static final String ACTION = "Correct the route file (docs/routes.md: the destination contract and the "
            + "rules of the routes) and start again; while the service runs, a broken edit is refused instead.";
    private static final String SETTING_ACTION = "Correct the setting (its environment variable, or "
            + "config/application.yaml) and start again: the route file is not at fault.";
    /** A step's address taken whole or in part from a setting: {@code uri: "{{paymentflow.erp.url}}"}. */
    private static final Pattern URI_SETTING = Pattern.compile("uri:\\s*[\"']?[^\"'\\n]*?\\{\\{([^}:]+)");
    /** The environment variable a setting of config/application.yaml reads: {@code url: ${ERP_URL:}}. */
    private static final Pattern VARIABLE = Pattern.compile("^\\$\\{([A-Za-z0-9_]+)");

    private record RouteFileText(String name, String text) {
    }

    private final Environment environment;

    public RouteStartupFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RejectedRoutesException rejected) {
                return new FailureAnalysis(rejected.getMessage(), ACTION, failure);
            }
            if (cause instanceof MarkedYamlEngineException marked) {
                String file = marked.getProblemMark().or(marked::getContextMark).map(mark -> mark.getName())
                        .orElse("a route file");
                return new FailureAnalysis("in " + RouteFileParser.refusal(file, marked).describe(), ACTION, failure);
            }
            if (cause instanceof FailedToCreateRouteException notCreated) {
                return notCreated(notCreated, failure);
            }
            if (cause.getMessage() != null && cause.getMessage().startsWith("Resource is empty: ")) {
                return new FailureAnalysis("in " + cause.getMessage().substring("Resource is empty: ".length())
                        + ": the file is empty", ACTION, failure);
            }
        }
        return null;
    }

    private FailureAnalysis notCreated(FailedToCreateRouteException notCreated, Throwable failure) {
        Optional<RouteFileText> file = fileOf(notCreated.getRouteId());
        String description = "in " + file.map(RouteFileText::name).orElse("the route files")
                + ": Camel could not create route " + notCreated.getRouteId() + ": "
                + NestedExceptionUtils.getMostSpecificCause(notCreated).getMessage();
        List<String> settings = file.filter(text -> isEndpointFailure(notCreated))
                .map(text -> endpointSettings(text.text())).orElse(List.of());
        if (settings.isEmpty()) {
            return new FailureAnalysis(description, ACTION, failure);
        }
        return new FailureAnalysis(description + "\n\nThe route's address comes from the setting"
                + (settings.size() == 1 ? " " : "s ") + String.join(", ", settings) + ".", SETTING_ACTION, failure);
    }

    private static boolean isEndpointFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof NoSuchEndpointException || cause instanceof ResolveEndpointFailedException) {
                return true;
            }
        }
        return false;
    }

    /** The settings the file's step addresses are made of, each with its environment variable where it has one. */
    private List<String> endpointSettings(String routeFile) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher setting = URI_SETTING.matcher(routeFile);
        while (setting.find()) {
            keys.add(setting.group(1).strip());
        }
        List<String> named = new ArrayList<>();
        for (String key : keys) {
            named.add(variableOf(key).map(variable -> key + " (environment variable " + variable + ")").orElse(key));
        }
        return named;
    }

    /** The variable the setting's raw value names, as config/application.yaml writes it: {@code ${ERP_URL:}}. */
    private Optional<String> variableOf(String key) {
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return Optional.empty();
        }
        for (PropertySource<?> source : configurable.getPropertySources()) {
            Object raw = source.getProperty(key);
            if (raw != null) {
                Matcher variable = VARIABLE.matcher(raw.toString());
                if (variable.find()) {
                    return Optional.of(variable.group(1));
                }
            }
        }
        return Optional.empty();
    }

    /** The route file that gives the route its id, as far as its text says. */
    private Optional<RouteFileText> fileOf(String routeId) {
        Pattern declaration = Pattern.compile("^\\s*(- )?\\s*id:\\s*[\"']?" + Pattern.quote(String.valueOf(routeId))
                + "[\"']?\\s*$", Pattern.MULTILINE);
        RouteFiles files = RouteFiles.of(environment.getProperty("camel.main.routes-include-pattern", ""));
        for (Map.Entry<String, byte[]> file : files.read().entrySet()) {
            String text = new String(file.getValue(), StandardCharsets.UTF_8);
            if (declaration.matcher(text).find()) {
                return Optional.of(new RouteFileText(file.getKey(), text));
            }
        }
        return Optional.empty();
    }
}
