package com.example.paymentflow.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.paymentflow.routes.RouteFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Warns at start-up of every paymentflow setting the service does not read, naming where it was set and the known
 * setting it is nearest to: a misspelt name (paymentflow.retension, PAYMENTFLOW_RETENSION) was ignored in silence,
 * its default applying instead. Known are the properties classes' settings, those a placeholder names in a route
 * file or in the configuration (an engineer's own settings, docs/routes.md), and those the code reads by name. A
 * warning, not a refusal: the setting changes nothing, and the service runs as configured without it. The value is
 * never logged (it may be a secret).
 */
@Component
public class UnknownSettingsCheck {

    private static final Logger LOG = LoggerFactory.getLogger(UnknownSettingsCheck.class);

    private static final ConfigurationPropertyName SERVICE_SETTINGS = ConfigurationPropertyName.of("paymentflow");
    /** Read by name outside the properties classes (@Value). */
    private static final List<String> READ_BY_CODE = List.of("paymentflow.metrics.delivery-counts-refresh");
    /**
     * A setting named by a placeholder: {@code {{paymentflow.crm.url}}} (also {@code {{paymentflow.x:default}}}) in
     * a route, {@code ${paymentflow.mail.from}} in the configuration, {@code ${properties:paymentflow.x}} in Camel's
     * simple language.
     */
    private static final Pattern PLACEHOLDER =
            Pattern.compile("(?:\\{\\{[?!]?|\\$\\{(?:properties:)?)\\s*(paymentflow\\.[^}:\\s\"']+)");

    private final ApplicationContext context;
    private final ConfigurableEnvironment environment;

    public UnknownSettingsCheck(ApplicationContext context, ConfigurableEnvironment environment) {
        this.context = context;
        this.environment = environment;
    }

    @EventListener(ApplicationStartedEvent.class)
    void warnOfUnknownSettings() {
        try {
            warnings().forEach(LOG::warn);
        } catch (RuntimeException checkFailed) {
            // a check that only warns never stops the service
            LOG.warn("Could not check the settings for unknown paymentflow settings: {}", checkFailed.toString());
        }
    }

    /** One line per unknown setting. */
    List<String> warnings() {
        return warnings(ConfigurationPropertySources.get(environment), knownSettings());
    }

    KnownSettings knownSettings() {
        Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(environment);
        KnownSettings known = new KnownSettings();
        ConfigurationPropertiesBean.getAll(context).values().forEach(bean -> {
            String prefix = prefixOf(bean.getAnnotation());
            // RetentionProperties binds paymentflow itself
            if (!prefix.isEmpty() && (SERVICE_SETTINGS.equals(ConfigurationPropertyName.of(prefix))
                    || isServiceSetting(ConfigurationPropertyName.of(prefix)))) {
                known.type(prefix, bean.asBindTarget().getType());
            }
        });
        READ_BY_CODE.forEach(known::name);
        RouteFiles.of(environment.getProperty("camel.main.routes-include-pattern", "")).read().values()
                .forEach(file -> namedByPlaceholders(new String(file, StandardCharsets.UTF_8)).forEach(known::name));
        settingsNamedInValues(sources).forEach(known::name);
        return known;
    }

    private static List<String> warnings(Iterable<ConfigurationPropertySource> sources, KnownSettings known) {
        // by name, in the order of precedence of the sources; the places a name was set in
        Map<ConfigurationPropertyName, Set<Place>> unknown = new LinkedHashMap<>();
        for (ConfigurationPropertySource source : sources) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            boolean environmentVariables = source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
            iterable.stream()
                    .filter(UnknownSettingsCheck::isServiceSetting)
                    .filter(name -> !known.knows(name, environmentVariables))
                    .forEach(name -> unknown.computeIfAbsent(name, n -> new LinkedHashSet<>())
                            .add(placeOf(source, name)));
        }
        List<String> warnings = new ArrayList<>();
        unknown.forEach((name, places) -> {
            boolean onlyVariables = places.stream().allMatch(Place::environmentVariable);
            String suggestion = known.nearest(name)
                    // a variable naming a destination with - or _ (CUSTOMER_CRM) is near the one-word name's
                    // (CUSTOMER), which is another destination: no suggestion that drops a word
                    .filter(nearest -> !onlyVariables
                            || variableOf(nearest).split("_").length >= name.getNumberOfElements())
                    .map(nearest -> "; did you mean " + (onlyVariables
                            ? variableOf(nearest) + " (" + nearest + ")" : nearest) + "?")
                    .orElse("");
            warnings.add(name + " (" + String.join(" and ", places.stream().map(Place::description).toList())
                    + ") is not a setting of this service and is ignored" + suggestion);
        });
        return warnings;
    }

    private static boolean isServiceSetting(ConfigurationPropertyName name) {
        return SERVICE_SETTINGS.isAncestorOf(name);
    }

    private static String prefixOf(ConfigurationProperties annotation) {
        return annotation == null ? "" : !annotation.prefix().isEmpty() ? annotation.prefix() : annotation.value();
    }

    private static Set<String> namedByPlaceholders(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            names.add(placeholder.group(1));
        }
        return names;
    }

    /**
     * The settings that other settings' values name, e.g.
     * {@code email-from: ${ALERT_EMAIL_FROM:${paymentflow.mail.from}}}.
     */
    private static Set<String> settingsNamedInValues(Iterable<ConfigurationPropertySource> sources) {
        Set<String> names = new LinkedHashSet<>();
        for (ConfigurationPropertySource source : sources) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.stream().map(source::getConfigurationProperty)
                        .filter(property -> property != null && property.getValue() != null)
                        .forEach(property -> names.addAll(namedByPlaceholders(property.getValue().toString())));
            }
        }
        return names;
    }

    /** PAYMENTFLOW_DELIVERY_MAX_CONCURRENCY for paymentflow.delivery.max-concurrency. */
    private static String variableOf(String setting) {
        return setting.replaceAll("[.\\-]", "_").replaceAll("[\\[\\]]", "").toUpperCase(Locale.ROOT);
    }

    private record Place(String description, boolean environmentVariable) {
    }

    /** Where the setting was given, as an engineer finds it: a file and line, a variable's or an argument's name. */
    private static Place placeOf(ConfigurationPropertySource source, ConfigurationPropertyName name) {
        ConfigurationProperty property = source.getConfigurationProperty(name);
        Origin origin = property == null ? null : property.getOrigin();
        PropertySource<?> underlying = source.getUnderlyingSource() instanceof PropertySource<?> propertySource
                ? propertySource : null;
        String propertyName = null;
        while (origin instanceof PropertySourceOrigin fromSource) {
            propertyName = fromSource.getPropertyName();
            if (fromSource.getOrigin() == null) {
                break;
            }
            origin = fromSource.getOrigin();
        }
        if (origin instanceof SystemEnvironmentOrigin variable) {
            return new Place("environment variable " + variable.getProperty(), true);
        }
        if (underlying instanceof SystemEnvironmentPropertySource && propertyName != null) {
            return new Place("environment variable " + propertyName, true);
        }
        if (origin instanceof TextResourceOrigin text) {
            return new Place(fileOf(text.getResource())
                    + (text.getLocation() == null ? "" : " line " + (text.getLocation().getLine() + 1)), false);
        }
        if (underlying instanceof CommandLinePropertySource<?> && propertyName != null) {
            return new Place("command line argument --" + propertyName, false);
        }
        if (underlying != null && propertyName != null
                && StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(underlying.getName())) {
            return new Place("system property " + propertyName, false);
        }
        return new Place(origin != null ? origin.toString()
                : "property source " + (underlying == null ? source : underlying.getName()), false);
    }

    /** A file as a path relative to the working directory when it is in it (config/application.yaml). */
    private static String fileOf(Resource resource) {
        if (resource == null) {
            return "unknown file";
        }
        try {
            Path file = resource.getFile().toPath().toAbsolutePath().normalize();
            Path workingDirectory = Path.of("").toAbsolutePath();
            return (file.startsWith(workingDirectory) ? workingDirectory.relativize(file) : file).toString();
        } catch (IOException | UnsupportedOperationException notAFile) {
            return resource.getDescription();
        }
    }
}
