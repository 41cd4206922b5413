package com.example.paymentflow.routes;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.model.OptionalIdentifiedDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;

/**
 * The convention of the shipped routes: no network address is written into a route; an HTTP, mail or file-transfer
 * endpoint takes its URL, or at least its host, from a {@code {{placeholder}}} of the settings, so that each
 * environment gives its own and a credential in a URL stays out of routes/. Checked on routes/ by the tests, not on
 * a running service: an engineer trying a destination out live (a new setting needs a restart) is not refused.
 */
class NoLiteralAddresses implements RouteSetCheck {

    // the scheme of a network endpoint, then anything but a placeholder where the address begins (the "//" taken
    // for good, so that it cannot be read as the address)
    private static final Pattern LITERAL_ADDRESS = Pattern.compile(
            "(?i)^\\s*(https?|smtps?|imaps?|pop3s?|ftps?|sftp):(//)?+(?!\\{\\{).*");

    @Override
    public void check(List<RouteDefinition> routes) {
        for (RouteDefinition route : routes) {
            if (route.getInput() != null) {
                refuseLiteral(route.getInput(), route.getInput().getUri());
            }
            for (SendDefinition<?> send : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(),
                    SendDefinition.class)) {
                refuseLiteral(send, send.getUri());
            }
            for (ToDynamicDefinition dynamic : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(),
                    ToDynamicDefinition.class)) {
                refuseLiteral(dynamic, dynamic.getUri());
            }
        }
    }

    private static void refuseLiteral(OptionalIdentifiedDefinition<?> endpoint, String uri) {
        Matcher literal = uri == null ? null : LITERAL_ADDRESS.matcher(uri);
        if (literal != null && literal.matches()) {
            // not the URI itself: it may carry a credential
            throw new RejectedRoutesException(RouteSet.where(endpoint) + ": the address of this "
                    + literal.group(1).toLowerCase(Locale.ROOT) + " endpoint is written into the route; take it from"
                    + " a setting, e.g. uri: \"{{paymentflow.crm.url}}\" (docs/routes.md, Add a destination)");
        }
    }
}
