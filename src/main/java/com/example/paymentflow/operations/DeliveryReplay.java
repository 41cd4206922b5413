package com.example.paymentflow.operations;

import com.example.paymentflow.delivery.DeliveryWakeUps;
import com.example.paymentflow.security.OperatorIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Repairs: a dead (or failed) delivery becomes pending and due now, and the destination's poller attempts it
 * again from the first attempt. The ERP recognises a repeated event by its Idempotency-Key (the event id) and the
 * ledger books an event once, so a replay never doubles a payment there. E-mail has no such key: a replayed mail
 * delivery sends the mail again, which only duplicates it when an earlier attempt failed after the mail server
 * had taken the mail. Used by the operations API and the JMX console alike.
 */
@Component
public class DeliveryReplay {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryReplay.class);

    private final DeliveryOperationsRepository repository;
    private final DeliveryWakeUps wakeUps;
    private final OperatorIdentity operators;

    public DeliveryReplay(DeliveryOperationsRepository repository, DeliveryWakeUps wakeUps,
                          OperatorIdentity operators) {
        this.repository = repository;
        this.wakeUps = wakeUps;
        this.operators = operators;
    }

    /**
     * @throws UnknownDeliveryException when no delivery has this id
     * @throws NotReplayableException   when it is delivered or pending
     */
    public ReplayResult replayDelivery(long id) {
        if (repository.replay(id)) {
            LOG.info("Delivery {} replayed by operator {}", id, operators.current());
            wakeUps.wakeAll();
            return new ReplayResult(1);
        }
        String status = repository.statusOf(id).orElseThrow(() -> new UnknownDeliveryException(id));
        throw new NotReplayableException(id, status);
    }

    /** Replays every dead delivery in the scope. */
    public ReplayResult replayDead(ReplayScope scope) {
        int replayed = repository.replayDead(scope);
        LOG.info("{} dead deliveries replayed by operator {} ({})", replayed, operators.current(), scope);
        wakeUps.wakeAll();
        return new ReplayResult(replayed);
    }
}
