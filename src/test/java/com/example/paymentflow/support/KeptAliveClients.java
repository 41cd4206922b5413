package com.example.paymentflow.support;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Many clients at once, each on a kept-alive connection of its own: requests number 0 to count - 1, request n sent
 * by client n % clients, each client's in order. A client opens a new connection when the server closes one, and
 * after a request left without a complete answer.
 */
public final class KeptAliveClients {

    /** What request {@code number} got: a complete answer, or the failure that left it without one. */
    public record Result(int number, RawHttpConnection.Answer answer, IOException failure) {
    }

    private KeptAliveClients() {
    }

    public static List<Result> send(int port, int clients, int count, IntFunction<byte[]> request) throws Exception {
        List<Result> results = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                int first = client;
                running.add(pool.submit(() -> {
                    RawHttpConnection connection = null;
                    for (int n = first; n < count; n += clients) {
                        try {
                            if (connection == null || connection.isClosedByServer()) {
                                close(connection);
                                connection = RawHttpConnection.open(port, Duration.ofSeconds(60));
                            }
                            results.add(new Result(n, connection.exchange(request.apply(n)), null));
                        } catch (IOException failure) {
                            results.add(new Result(n, null, failure));
                            close(connection);
                            connection = null;
                        }
                    }
                    close(connection);
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return results;
    }

    private static void close(RawHttpConnection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
