package com.example.paymentflow.routes;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.RoutesBuilderLoader;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.util.FileUtil;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.springframework.core.NestedExceptionUtils;

/**
 * Reads a route file into Camel's definitions with Camel's own loader (the YAML DSL), as start-up does, but without
 * adding anything to the running context. A file that does not parse is refused with its line and column.
 */
public final class RouteFileParser {

    private final CamelContext camel;

    public RouteFileParser(CamelContext camel) {
        this.camel = camel;
    }

    /** @throws RefusedEditException when the file cannot be read as routes */
    public RouteFile parse(String location, byte[] content) {
        Resource resource = ResourceHelper.fromBytes(location, content);
        try {
            RoutesBuilderLoader loader = PluginHelper.getRoutesLoader(camel)
                    .getRoutesLoader(FileUtil.onlyExt(location, false));
            if (loader == null) {
                throw new RefusedEditException(location, 0, 0, "no Camel DSL reads files of this kind", null);
            }
            RoutesBuilder loaded = loader.loadRoutesBuilder(resource);
            if (!(loaded instanceof RouteBuilder builder)) {
                throw new RefusedEditException(location, 0, 0, "not a file of routes", null);
            }
            if (builder instanceof RouteConfigurationBuilder configurations) {
                configurations.setCamelContext(camel);
                configurations.getRouteConfigurationCollection().setCamelContext(camel);
                configurations.configuration();
            }
            builder.configureRoutes(camel);
            List<RestDefinition> rests = builder.getRestCollection().getRests();
            List<RouteDefinition> restRoutes = new ArrayList<>();
            for (RestDefinition rest : rests) {
                restRoutes.addAll(rest.asRouteDefinition(camel));
            }
            return new RouteFile(location, content, List.copyOf(builder.getRouteCollection().getRoutes()),
                    List.copyOf(rests),
                    restRoutes, List.copyOf(builder.getRouteTemplateCollection().getRouteTemplates()),
                    List.copyOf(builder.getTemplatedRouteCollection().getTemplatedRoutes()),
                    builder instanceof RouteConfigurationBuilder configurations
                            ? List.copyOf(configurations.getRouteConfigurationCollection().getRouteConfigurations())
                            : List.of());
        } catch (RefusedEditException refused) {
            throw refused;
        } catch (Exception failure) {
            throw refusal(location, failure);
        }
    }

    /** The failure as an engineer needs it: where in the file (when the YAML parser knows) and why. */
    static RefusedEditException refusal(String location, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof MarkedYamlEngineException marked) {
                Mark mark = marked.getProblemMark().or(marked::getContextMark).orElse(null);
                String reason = marked.getProblem() != null ? marked.getProblem() : marked.getContext();
                return new RefusedEditException(location, mark == null ? 0 : mark.getLine() + 1,
                        mark == null ? 0 : mark.getColumn() + 1, reason == null ? firstLine(marked) : reason, failure);
            }
        }
        return new RefusedEditException(location, 0, 0, firstLine(NestedExceptionUtils.getMostSpecificCause(failure)), failure);
    }

    private static String firstLine(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
