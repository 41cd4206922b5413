package com.example.paymentflow.secrets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.example.paymentflow.email.MailProperties;
import com.example.paymentflow.support.OperatorClient;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RunningService;
import com.example.paymentflow.support.ServiceProcess;
import com.example.paymentflow.support.TestEnvironment;
import com.example.paymentflow.support.TestPostgres;
import com.example.paymentflow.support.WebhookClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/** The service with its secrets in files, as a container gets them. */
@ExtendWith(OutputCaptureExtension.class)
class SecretFilesEndToEndTest {

    private static final String WEBHOOK_SECRET = "whsec_read_from_a_mounted_file";
    private static final String OPERATOR_PASSWORD = "operator-password-from-a-file";
    private static final String DATABASE_PASSWORD = "database-password-from-a-file";
    private static final String SMTP_PASSWORD = "smtp-password-from-a-file";

    @TempDir
    Path secrets;

    @Test
    void secretsFromFilesAreUsedAndNeverLogged(CapturedOutput output) throws Exception {
        String webhookFile = Files.writeString(secrets.resolve("webhook_secret"), WEBHOOK_SECRET + "\n").toString();
        String operatorFile = Files.writeString(secrets.resolve("operator_password"), OPERATOR_PASSWORD).toString();
        String databaseFile = Files.writeString(secrets.resolve("db_password"), DATABASE_PASSWORD).toString();
        String smtpFile = Files.writeString(secrets.resolve("smtp_password"), SMTP_PASSWORD).toString();

        try (RunningService service = RunningService.start(TestPostgres.get().createDatabase(),
                "WEBHOOK_SECRET_FILE=" + webhookFile, "MANAGEMENT_PASSWORD_FILE=" + operatorFile,
                "SPRING_DATASOURCE_PASSWORD_FILE=" + databaseFile, "SMTP_PASSWORD_FILE=" + smtpFile)) {
            WebhookClient signedWithTheFileSecret = new WebhookClient(service.baseUrl(), WEBHOOK_SECRET);
            assertThat(signedWithTheFileSecret.send(PaymentEvents.event("payment.succeeded")).statusCode()).isEqualTo(200);
            assertThat(service.paymentflow().send(PaymentEvents.event("payment.succeeded")).statusCode()).isEqualTo(401);
            assertThat(OperatorClient.withCredentials(service.baseUrl(), OperatorClient.USERNAME, OPERATOR_PASSWORD)
                    .get("/api/deliveries/summary").statusCode()).isEqualTo(200);
            assertThat(service.bean(Environment.class).getProperty("spring.datasource.password"))
                    .isEqualTo(DATABASE_PASSWORD);
            assertThat(service.bean(MailProperties.class).password()).isEqualTo(SMTP_PASSWORD);
        }

        assertThat(output.getOut()).contains("WEBHOOK_SECRET: read from the file " + webhookFile,
                "MANAGEMENT_PASSWORD: read from the file " + operatorFile);
        assertThat(output.getAll()).doesNotContain(WEBHOOK_SECRET, OPERATOR_PASSWORD, DATABASE_PASSWORD, SMTP_PASSWORD);
    }

    @Test
    void aSecretGivenBothWaysStopsTheProcessWithAClearMessage() throws Exception {
        Path file = Files.writeString(secrets.resolve("webhook_secret"), WEBHOOK_SECRET);
        TestEnvironment env = TestEnvironment.get();
        Map<String, String> environment = Map.of(
                "WEBHOOK_SECRET", "whsec_also_given_directly",
                "WEBHOOK_SECRET_FILE", file.toString(),
                "SPRING_DATASOURCE_URL", TestPostgres.get().createDatabase(),
                "ERP_URL", env.erpUrl(),
                "SMTP_HOST", "127.0.0.1",
                "EMAIL_FROM", "billing@merchant.example",
                "SPRING_JMX_ENABLED", "false");

        try (ServiceProcess service = ServiceProcess.start(Path.of("."), environment, ServiceProcess.freePort())) {
            assertThat(service.awaitExit(Duration.ofSeconds(90))).isEqualTo(1);
            assertThat(service.output())
                    .contains("WEBHOOK_SECRET and WEBHOOK_SECRET_FILE are both set: give the secret one way only")
                    .doesNotContain(WEBHOOK_SECRET, "whsec_also_given_directly");
        }
    }
}
