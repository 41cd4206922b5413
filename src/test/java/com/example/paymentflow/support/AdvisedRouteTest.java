package com.example.paymentflow.support;

import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A route test: the service with its real routes, which the test advises by route id before Camel starts. Each
 * such class gets a context of its own (advice changes routes), discarded afterwards.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = EndToEndTest.TEST_CONFIG)
@ActiveProfiles("test")
@UseAdviceWith
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class AdvisedRouteTest {

    @Autowired
    protected CamelContext camel;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void realParts(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
    }

    @BeforeEach
    void adviseOnceThenStart() throws Exception {
        if (!camel.isStarted()) {
            advise();
            camel.start();
        }
    }

    /** Changes the routes under test, by id, before Camel starts. */
    protected abstract void advise() throws Exception;
}
