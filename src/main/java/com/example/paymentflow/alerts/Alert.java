package com.example.paymentflow.alerts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One message to operators. It names events, deliveries, destinations and instances, never a customer's data, a
 * payload or a secret: the checks compose it from ids, counts and times only.
 *
 * @param subject  what the condition is about: a destination, or the instance for conditions each instance sees alone
 * @param title    one line, e.g. "erp has been failing without a success for 10 minutes"
 * @param details  further lines: figures, times, what to do
 */
public record Alert(AlertCondition condition, AlertState state, String subject, String title, List<String> details,
                    String instance, Instant at) {

    public Alert {
        details = List.copyOf(details);
    }

    /** condition/subject, e.g. destination-failing/erp: the same for every message about one occurrence. */
    public String key() {
        return condition.label() + "/" + subject;
    }

    public String emailSubject() {
        return "[PaymentFlow " + state.label() + "] " + title;
    }

    public String text() {
        StringBuilder text = new StringBuilder(state.name()).append(": ").append(title).append("\n\n");
        details.forEach(line -> text.append(line).append('\n'));
        return text.append("\ncondition ").append(condition.label()).append(", subject ").append(subject)
                .append(", instance ").append(instance).append(", at ").append(Wording.time(at)).append('\n')
                .append("What each alert means and what to do: docs/operations.md, section Alerts.\n")
                .toString();
    }

    /** The webhook body: "text" for Slack-style incoming webhooks, the fields for an incident tool. */
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("text", emailSubject() + "\n" + String.join("\n", details));
        json.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        json.put("condition", condition.label());
        json.put("subject", subject);
        json.put("title", title);
        json.put("details", details);
        json.put("instance", instance);
        json.put("at", Wording.time(at));
        return json;
    }
}
