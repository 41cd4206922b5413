package com.example.paymentflow.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.impl.NoOpLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Secret settings read from the files their _FILE variables name; where each came from, said without its value. */
class SecretFilesTest {

    @TempDir
    Path directory;

    private final List<String> logged = new ArrayList<>();
    private final SecretFiles secretFiles = new SecretFiles(destination -> new NoOpLog() {
        @Override
        public void info(Object message) {
            logged.add(String.valueOf(message));
        }
    });

    @Test
    void eachSecretIsReadFromItsFileWithoutTheTrailingLineBreak() throws IOException {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("WEBHOOK_SECRET_FILE", file("webhook", "whsec_new,whsec_old\n"))
                .withProperty("SPRING_DATASOURCE_PASSWORD_FILE", file("db", "db-pa55 word\r\n"))
                .withProperty("SMTP_PASSWORD_FILE", file("smtp", "smtp-secret"))
                .withProperty("MANAGEMENT_PASSWORD_FILE", file("operator", "operator-secret\n"))
                .withProperty("paymentflow.signature.secrets", "whsec_from_a_config_file");

        secretFiles.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("paymentflow.signature.secrets")).isEqualTo("whsec_new,whsec_old");
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("db-pa55 word");
        assertThat(environment.getProperty("paymentflow.mail.password")).isEqualTo("smtp-secret");
        assertThat(environment.getProperty("paymentflow.management.password")).isEqualTo("operator-secret");
        assertThat(logged).containsExactly(
                "WEBHOOK_SECRET: read from the file " + directory.resolve("webhook"),
                "SPRING_DATASOURCE_PASSWORD: read from the file " + directory.resolve("db"),
                "SMTP_PASSWORD: read from the file " + directory.resolve("smtp"),
                "MANAGEMENT_PASSWORD: read from the file " + directory.resolve("operator"));
    }

    @Test
    void startUpSaysWhereEverySecretCameFromAndNeverItsValue() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("WEBHOOK_SECRET", "whsec_from_the_environment")
                .withProperty("paymentflow.signature.secrets", "whsec_from_the_environment")
                .withProperty("paymentflow.management.password", "from-a-config-file");

        secretFiles.postProcessEnvironment(environment, null);

        assertThat(logged).containsExactly(
                "WEBHOOK_SECRET: from the setting WEBHOOK_SECRET",
                "SPRING_DATASOURCE_PASSWORD: not set",
                "SMTP_PASSWORD: not set",
                "MANAGEMENT_PASSWORD: from the configuration (paymentflow.management.password)");
        assertThat(String.join("\n", logged)).doesNotContain("whsec_from_the_environment", "from-a-config-file");
        assertThat(environment.getPropertySources().contains(SecretFiles.PROPERTY_SOURCE)).isFalse();
    }

    @Test
    void aSecretGivenBothWaysStopsStartUp() throws IOException {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("SMTP_PASSWORD", "one")
                .withProperty("SMTP_PASSWORD_FILE", file("smtp", "two"));

        assertThatThrownBy(() -> secretFiles.postProcessEnvironment(environment, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("SMTP_PASSWORD and SMTP_PASSWORD_FILE are both set: give the secret one way only");
    }

    @Test
    void aMissingOrEmptyFileStopsStartUpNamingItButNotItsContent() throws IOException {
        Path missing = directory.resolve("missing");
        assertThatThrownBy(() -> secretFiles.postProcessEnvironment(
                new MockEnvironment().withProperty("WEBHOOK_SECRET_FILE", missing.toString()), null))
                .hasMessage("WEBHOOK_SECRET_FILE names " + missing + ", which cannot be read (NoSuchFileException)");

        String empty = file("empty", "\n");
        assertThatThrownBy(() -> secretFiles.postProcessEnvironment(
                new MockEnvironment().withProperty("MANAGEMENT_PASSWORD_FILE", empty), null))
                .hasMessage("MANAGEMENT_PASSWORD_FILE names " + empty + ", which is empty");
    }

    private String file(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content).toString();
    }
}
