package com.example.paymentflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PaymentflowWebhooksApplication {

    public static void main(String[] args) {
        try {
            SpringApplication.run(PaymentflowWebhooksApplication.class, args);
        } catch (Throwable startupFailure) {
            // Spring has already reported the cause; exit so that a broken route file or a
            // missing setting never leaves a half-started process behind.
            System.exit(1);
        }
    }
}
