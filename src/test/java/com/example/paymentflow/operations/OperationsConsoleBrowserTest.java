package com.example.paymentflow.operations;

import java.util.List;

import com.example.paymentflow.support.HeadlessChromium;
import com.example.paymentflow.support.OperatorClient;
import com.example.paymentflow.support.PaymentEvents;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management console in a real browser (headless Chromium), as an operator uses it: sign in with the operator
 * account, see every route with its state and counters, watch a counter grow when a webhook comes, suspend and
 * resume a delivery poller, replay a dead delivery. Skipped where Chromium or chromedriver is not installed.
 */
class OperationsConsoleBrowserTest extends OperationsEndToEndTest {

    private static final String POLLER = "erp-delivery-poller";
    private static HeadlessChromium browser;

    @Autowired
    private CamelContext camel;

    @BeforeEach
    void signIn() {
        if (browser == null) {
            browser = HeadlessChromium.start();
            // the browser remembers the credentials once given, as after the operator answered its password prompt
            // (Chromium does not let a page's own requests use credentials written into its address)
            browser.open(baseUrl().replace("://", "://" + OperatorClient.USERNAME + ":" + OperatorClient.PASSWORD
                    + "@") + "/actuator/hawtio/user");
        }
    }

    @AfterEach
    void resumeThePoller() throws Exception {
        camel.getRouteController().resumeRoute(POLLER);
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void withoutTheOperatorsCredentialsTheConsoleShowsNothing() {
        try (HeadlessChromium stranger = HeadlessChromium.start()) {
            stranger.open(baseUrl() + "/actuator/hawtio/camel/routes");

            assertThat(stranger.driver().getPageSource()).doesNotContain("webhook-ingest", "Hawtio Management Console");
        }
    }

    @Test
    void routesPageListsEveryRouteWithItsStateAndCountsAWebhook() {
        openRoutes();
        List<String> routes = camel.getRoutes().stream().map(Route::getRouteId).toList();
        assertThat(routes).contains("webhook-ingest", POLLER, "deliver-to-erp", "send-alert-email");
        for (String route : routes) {
            assertThat(routeCell(route, "State")).as(route).isEqualTo("Started");
        }
        long before = Long.parseLong(routeCell("webhook-ingest", "Completed"));
        browser.screenshot("console-routes");

        assertThat(paymentflow.send(PaymentEvents.event("payment.succeeded")).statusCode()).isEqualTo(200);

        // the page refreshes its figures by itself (every 5 s)
        browser.until(page -> Long.parseLong(routeCell("webhook-ingest", "Completed")) > before);
    }

    @Test
    void aDeliveryPollerIsSuspendedAndResumedFromTheConsole() {
        openRoutes();
        selectTreeNode(POLLER);
        openTab("Operations");
        execute("suspend()");

        browser.until(page -> camel.getRouteController().getRouteStatus(POLLER) == ServiceStatus.Suspended);
        openRoutes();
        browser.until(page -> routeCell(POLLER, "State").equals("Suspended"));
        browser.screenshot("console-poller-suspended");
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        String eventId = PaymentEvents.id(event);
        paymentflow.send(event);
        eventually().until(() -> "delivered".equals(deliveryStates(eventId).get("ledger")));
        assertThat(deliveryStates(eventId)).containsEntry("erp", "pending");

        selectTreeNode(POLLER);
        openTab("Operations");
        execute("resume()");

        eventually().until(() -> "delivered".equals(deliveryStates(eventId).get("erp")));
        assertThat(camel.getRouteController().getRouteStatus(POLLER)).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void aDeadDeliveryIsReplayedFromTheConsole() {
        String eventId = eventDeadAtErp("payment.succeeded");
        long delivery = deliveryId(eventId, "erp");
        erpAcceptsEverything();

        browser.open(baseUrl() + "/actuator/hawtio/jmx");
        expandTreeNode("paymentflow");
        expandTreeNode("Deliveries");
        selectTreeNode("operations");
        openTab("Operations");
        execute("replayDelivery(long)", String.valueOf(delivery));

        // through the console's Jolokia requests, with the CSRF token its script sends
        eventually().until(() -> "delivered".equals(deliveryStates(eventId).get("erp")));
        browser.screenshot("console-replay");
        assertThat(erpRequestsMentioning(eventId)).hasSize(2);
    }

    private static void openRoutes() {
        browser.open(browser.driver().getCurrentUrl().replaceAll("/actuator/hawtio/.*", "/actuator/hawtio/camel/routes"));
        browser.visible(By.xpath("//table//td[normalize-space(.)='webhook-ingest']"));
    }

    /** The text of a route's cell in the routes table, the column given by its heading. */
    private static String routeCell(String route, String column) {
        List<WebElement> headings = browser.driver().findElements(By.cssSelector("table thead th"));
        int index = headings.stream().map(WebElement::getText).map(String::trim).toList().indexOf(column);
        assertThat(index).as("column " + column).isNotNegative();
        return browser.visible(By.xpath("//table//tr[td[normalize-space(.)='" + route + "']]/td[" + (index + 1) + "]"))
                .getText().trim();
    }

    private static void expandTreeNode(String name) {
        browser.clickable(By.xpath("//li[@role='treeitem'][div//button[contains(@class,'node-text') and "
                + "normalize-space(.)='" + name + "']]/div//button[contains(@class,'node-toggle')]")).click();
    }

    private static void selectTreeNode(String name) {
        browser.clickable(By.xpath("//li[@role='treeitem']/div//button[contains(@class,'node-text') and "
                + "normalize-space(.)='" + name + "']")).click();
        browser.visible(By.xpath("//h1[normalize-space(.)='" + name + "']"));
    }

    private static void openTab(String tab) {
        browser.clickable(By.xpath("//a[normalize-space(.)='" + tab + "']")).click();
    }

    /** Expands a JMX operation, fills in its arguments and executes it. */
    private static void execute(String operation, String... arguments) {
        browser.clickable(By.xpath("//button[starts-with(@aria-labelledby, 'operation " + operation + " ')]")).click();
        WebElement form = browser.visible(By.id("operation-execute-" + operation));
        List<WebElement> inputs = form.findElements(By.tagName("input"));
        for (int i = 0; i < arguments.length; i++) {
            inputs.get(i).sendKeys(Keys.chord(Keys.CONTROL, "a"), arguments[i]);
        }
        form.findElement(By.xpath(".//button[normalize-space(.)='Execute']")).click();
    }
}
