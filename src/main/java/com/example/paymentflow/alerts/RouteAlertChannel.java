package com.example.paymentflow.alerts;

import java.util.function.Function;

import org.apache.camel.ProducerTemplate;

/** A channel that hands the alert to a route of routes/alerts.camel.yaml, which fails when it is not taken. */
class RouteAlertChannel implements AlertChannel {

    private final String name;
    private final String route;
    private final Function<Alert, Object> body;
    private final ProducerTemplate camel;

    private RouteAlertChannel(String name, String route, Function<Alert, Object> body, ProducerTemplate camel) {
        this.name = name;
        this.route = route;
        this.body = body;
        this.camel = camel;
    }

    /** E-mail to ALERT_EMAIL_TO through the service's mail server. */
    static RouteAlertChannel email(ProducerTemplate camel) {
        return new RouteAlertChannel("e-mail", "direct:send-alert-email", alert -> alert, camel);
    }

    /** JSON POSTed to ALERT_WEBHOOK_URL. */
    static RouteAlertChannel webhook(ProducerTemplate camel) {
        return new RouteAlertChannel("webhook", "direct:send-alert-webhook", Alert::json, camel);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Alert alert) {
        camel.requestBody(route, body.apply(alert));
    }
}
