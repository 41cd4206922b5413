package com.example.paymentflow.database;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.transaction.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;

/** The transaction manager behind Camel's {@code transacted} routes and the repositories. */
@Configuration(proxyBeanMethods = false)
public class TransactionConfiguration {

    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource,
                                              ObjectProvider<TransactionManagerCustomizers> customizers) {
        JdbcTransactionManager manager = new LostConnectionTolerantTransactionManager(dataSource);
        customizers.ifAvailable(all -> all.customize(manager));
        return manager;
    }
}
