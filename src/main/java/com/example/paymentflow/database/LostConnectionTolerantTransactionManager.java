package com.example.paymentflow.database;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * A JDBC transaction manager for which a failed rollback is not an error: a rollback fails when the connection to
 * PostgreSQL is lost, and then the server has rolled the transaction back already. Without this, the rollback's
 * failure would replace the error that caused it, and a webhook that met a dead connection would be answered
 * 500 instead of the 503 that tells PaymentFlow to retry.
 */
public class LostConnectionTolerantTransactionManager extends JdbcTransactionManager {

    private static final Logger LOG = LoggerFactory.getLogger(LostConnectionTolerantTransactionManager.class);

    public LostConnectionTolerantTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        try {
            super.doRollback(status);
        } catch (DataAccessException | TransactionSystemException lostConnection) {
            LOG.warn("Rollback failed, the connection is gone; PostgreSQL discards the transaction: {}",
                    lostConnection.getMostSpecificCause().getMessage());
        }
    }
}
