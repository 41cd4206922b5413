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
    private static final String UNDEFINED_SETTING_ACTION = "Correct the setting's name in the route file if it is "
            + "misspelt; if it is a new setting, add it to config/application.yaml (with an environment override, "
            + "docs/routes.md) and start again.";
    /** Camel's refusal of two routes with one id, which it makes before the route set's own checks run. */
    private static final Pattern DUPLICATE_ROUTE_IDS = Pattern.compile("Duplicate route ids detected: ([^,\\s]+)");
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
        String reason = NestedExceptionUtils.getMostSpecificCause(notCreated).getMessage();
        Matcher duplicate = DUPLICATE_ROUTE_IDS.matcher(String.valueOf(reason));
        if (duplicate.find()) {
            String id = duplicate.group(1).replaceAll("\\.$", "");
            return new FailureAnalysis("the route id '" + id + "' is used in " + String.join(" and ",
                    filesOf(id).stream().map(RouteFileText::name).toList()) + ": give each route an id of its own",
                    ACTION, failure);
        }
        Optional<RouteFileText> file = filesOf(notCreated.getRouteId()).stream().findFirst();
        String description = "in " + file.map(RouteFileText::name).orElse("the route files")
                + ": Camel could not create route " + notCreated.getRouteId() + ": " + reason;
        Set<String> keys = file.filter(text -> isEndpointFailure(notCreated))
                .map(text -> endpointSettingKeys(text.text())).orElse(Set.of());
        if (keys.isEmpty()) {
            return new FailureAnalysis(description, ACTION, failure);
        }
        List<String> undefined = keys.stream().filter(key -> !environment.containsProperty(key)).toList();
        if (!undefined.isEmpty()) {
            // no configuration defines it: more likely a misspelt name in the route than a setting left empty
            return new FailureAnalysis(description + "\n\nThe route's address names the setting"
                    + (undefined.size() == 1 ? " " : "s ") + String.join(", ", undefined) + ", which no "
                    + "configuration defines.", UNDEFINED_SETTING_ACTION, failure);
        }
        List<String> settings = keys.stream().map(key -> variableOf(key)
                .map(variable -> key + " (environment variable " + variable + ")").orElse(key)).toList();
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

    /** The settings the file's step addresses are made of. */
    private static Set<String> endpointSettingKeys(String routeFile) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher setting = URI_SETTING.matcher(routeFile);
        while (setting.find()) {
            keys.add(setting.group(1).strip());
        }
        return keys;
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

    /** The route files that give a route this id, as far as their text says. */
    private List<RouteFileText> filesOf(String routeId) {
        Pattern declaration = Pattern.compile("^\\s*(- )?\\s*id:\\s*[\"']?" + Pattern.quote(String.valueOf(routeId))
                + "[\"']?\\s*$", Pattern.MULTILINE);
        RouteFiles files = RouteFiles.of(environment.getProperty("camel.main.routes-include-pattern", ""));
        List<RouteFileText> declaring = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.read().entrySet()) {
            String text = new String(file.getValue(), StandardCharsets.UTF_8);
            if (declaration.matcher(text).find()) {
                declaring.add(new RouteFileText(file.getKey(), text));
            }
        }
        return declaring;
    }
}
