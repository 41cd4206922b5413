package com.example.paymentflow;

import java.io.PrintWriter;
import java.util.Arrays;

import com.example.paymentflow.sandbox.SendCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PaymentflowWebhooksApplication {

    public static void main(String[] args) {
        if (args.length > 0 && SendCommand.NAME.equals(args[0])) {
            // the sandbox sender: a client of a running service, so nothing of the service is started
            System.exit(SendCommand.run(Arrays.copyOfRange(args, 1, args.length),
                    new PrintWriter(System.out), new PrintWriter(System.err)));
        }
        try {
            SpringApplication.run(PaymentflowWebhooksApplication.class, args);
        } catch (Throwable startupFailure) {
            // Spring has already reported the cause; exit so that a broken route file or a
            // missing setting never leaves a half-started process behind.
            System.exit(1);
        }
    }
}
