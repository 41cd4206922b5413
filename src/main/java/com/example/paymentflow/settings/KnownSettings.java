package com.example.paymentflow.settings;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.example.paymentflow.text.Typos;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.BindConstructorProvider;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ResolvableType;

/**
 * The names of the settings the service reads, in Spring's relaxed form: each a list of elements, where a map's key
 * is any one element ({@code paymentflow.delivery.destinations.*.max-concurrency}) and a list's index any number.
 */
final class KnownSettings {

    private static final String ANY_KEY = "*";
    private static final String ANY_INDEX = "[*]";
    /** the rest of a map of plain values: its keys may hold dots ({@code [a.b]}) */
    private static final String ANY_REST = "**";
    /** deeper than any properties class nests; stops a type that contains itself */
    private static final int MAX_DEPTH = 12;

    /** each name's elements in dashed form ({@code max-concurrency}), or one of the wildcards */
    private final Set<List<String>> names = new LinkedHashSet<>();

    /** Every property a properties type bound at the prefix takes, e.g. paymentflow.delivery and its record. */
    KnownSettings type(String prefix, ResolvableType type) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(prefix);
        List<String> path = new ArrayList<>();
        for (int i = 0; i < name.getNumberOfElements(); i++) {
            path.add(name.getElement(i, Form.DASHED));
        }
        walk(path, type, 0);
        return this;
    }

    /** One setting by name, as a placeholder or the code names it: paymentflow.crm.url. */
    KnownSettings name(String setting) {
        ConfigurationPropertyName name = ConfigurationPropertyName.adapt(setting, '.');
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < name.getNumberOfElements(); i++) {
            elements.add(name.getElement(i, Form.DASHED));
        }
        if (!elements.isEmpty()) {
            names.add(List.copyOf(elements));
        }
        return this;
    }

    /**
     * Whether the name is a known setting, or the parent of one (an empty YAML section). An environment variable's
     * name is split at every underscore, dashes included (PAYMENTFLOW_DELIVERY_MAX_CONCURRENCY is
     * paymentflow.delivery.max.concurrency), so there several of its elements may make one of the setting's, as
     * Spring binds them.
     */
    boolean knows(ConfigurationPropertyName name, boolean environmentVariable) {
        return names.stream().anyMatch(known -> matches(name, 0, known, 0, environmentVariable));
    }

    /** The known setting nearest to the unknown name, if one is near enough to be a misspelling of it. */
    Optional<String> nearest(ConfigurationPropertyName unknown) {
        String misspelt = squeezed(unknown.toString());
        int lastElement = unknown.getLastElement(Form.UNIFORM).length();
        // a short last element tolerates one typo, a long one up to three (retension, max-concurency)
        int limit = Math.max(1, Math.min(3, lastElement / 3));
        return candidates(unknown).stream()
                .map(candidate -> Map.entry(candidate, Typos.distance(misspelt, squeezed(candidate))))
                .filter(candidate -> candidate.getValue() <= limit)
                .min(Comparator.comparingInt(Map.Entry<String, Integer>::getValue))
                .map(Map.Entry::getKey);
    }

    private void walk(List<String> path, ResolvableType type, int depth) {
        Class<?> raw = type.resolve(Object.class);
        if (depth > MAX_DEPTH) {
            names.add(List.copyOf(path));
        } else if (Map.class.isAssignableFrom(raw)) {
            ResolvableType value = type.asMap().getGeneric(1);
            if (isDataObject(value.resolve(Object.class))) {
                walk(append(path, ANY_KEY), value, depth + 1);
            } else {
                names.add(append(append(path, ANY_KEY), ANY_REST));
            }
        } else if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            // comma-separated, or one element per index
            names.add(List.copyOf(path));
            ResolvableType element = raw.isArray() ? type.getComponentType() : type.asCollection().getGeneric(0);
            walk(append(path, ANY_INDEX), element, depth + 1);
        } else if (isDataObject(raw)) {
            properties(raw).forEach((property, propertyType) ->
                    walk(append(path, DataObjectPropertyName.toDashedForm(property)), propertyType, depth + 1));
        } else {
            names.add(List.copyOf(path));
        }
    }

    /** The properties Spring binds on the type: a record's components, a constructor's parameters, or setters. */
    private static Map<String, ResolvableType> properties(Class<?> type) {
        Map<String, ResolvableType> properties = new LinkedHashMap<>();
        Constructor<?> constructor = BindConstructorProvider.DEFAULT.getBindConstructor(type, true);
        if (constructor != null) {
            String[] discovered = type.isRecord()
                    ? Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                    .toArray(String[]::new)
                    : new DefaultParameterNameDiscoverer().getParameterNames(constructor);
            Parameter[] parameters = constructor.getParameters();
            for (int i = 0; i < parameters.length; i++) {
                Name renamed = parameters[i].getAnnotation(Name.class);
                String name = renamed != null ? renamed.value()
                        : discovered != null ? discovered[i] : parameters[i].getName();
                properties.put(name, ResolvableType.forConstructorParameter(constructor, i));
            }
            return properties;
        }
        for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
            if (property.getWriteMethod() != null || (property.getReadMethod() != null
                    && !property.getName().equals("class") && isDataObject(property.getPropertyType()))) {
                properties.put(property.getName(), property.getWriteMethod() != null
                        ? ResolvableType.forMethodParameter(property.getWriteMethod(), 0)
                        : ResolvableType.forMethodReturnType(property.getReadMethod()));
            }
        }
        return properties;
    }

    /** Bound property by property, rather than converted from one text (as a Duration, a number, an enum is). */
    private static boolean isDataObject(Class<?> type) {
        if (type == null || type.isPrimitive() || type.isEnum() || type.isArray() || type.isInterface()
                || type.getName().startsWith("java.") || type.getName().startsWith("jakarta.")) {
            return false;
        }
        return type.isRecord() || BindConstructorProvider.DEFAULT.getBindConstructor(type, true) != null
                || Arrays.stream(BeanUtils.getPropertyDescriptors(type))
                .anyMatch(property -> property.getWriteMethod() != null);
    }

    private static boolean matches(ConfigurationPropertyName name, int at, List<String> known, int knownAt,
                                   boolean environmentVariable) {
        if (knownAt == known.size()) {
            return at == name.getNumberOfElements();
        }
        if (at == name.getNumberOfElements()) {
            // a parent of a known setting
            return true;
        }
        String element = known.get(knownAt);
        switch (element) {
            case ANY_REST:
                return true;
            case ANY_KEY:
                return matches(name, at + 1, known, knownAt + 1, environmentVariable);
            case ANY_INDEX:
                return name.isNumericIndex(at) && matches(name, at + 1, known, knownAt + 1, environmentVariable);
            default:
                String wanted = uniform(element);
                if (!environmentVariable) {
                    return name.getElement(at, Form.UNIFORM).equals(wanted)
                            && matches(name, at + 1, known, knownAt + 1, false);
                }
                StringBuilder joined = new StringBuilder();
                for (int end = at; end < name.getNumberOfElements() && wanted.startsWith(joined.toString()); end++) {
                    joined.append(name.getElement(end, Form.UNIFORM));
                    if (joined.toString().equals(wanted) && matches(name, end + 1, known, knownAt + 1, true)) {
                        return true;
                    }
                }
                return false;
        }
    }

    /** Every known setting written out, a map's key taken from the unknown name where it has one. */
    private List<String> candidates(ConfigurationPropertyName unknown) {
        Set<String> candidates = new LinkedHashSet<>();
        for (List<String> known : names) {
            List<String> written = new ArrayList<>();
            for (int i = 0; i < known.size(); i++) {
                String element = known.get(i);
                if (element.equals(ANY_INDEX) || element.equals(ANY_REST)) {
                    break;
                }
                written.add(!element.equals(ANY_KEY) ? element
                        : i < unknown.getNumberOfElements() ? unknown.getElement(i, Form.ORIGINAL) : "<name>");
            }
            candidates.add(String.join(".", written));
        }
        return List.copyOf(candidates);
    }

    private static String uniform(String dashed) {
        return dashed.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }

    /** Without dots and dashes, which an environment variable's name cannot tell apart. */
    private static String squeezed(String name) {
        return name.replaceAll("[.\\-_]", "").toLowerCase(Locale.ROOT);
    }

    private static List<String> append(List<String> path, String element) {
        List<String> longer = new ArrayList<>(path);
        longer.add(element);
        return List.copyOf(longer);
    }
}
