package com.example.paymentflow.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between the service and PostgreSQL that a test can cut and restore, to take the database away from
 * the service (and give it back) without stopping a server other tests share.
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            this.port = probe.getLocalPort();
        }
        restore();
    }

    /** A JDBC URL like the given one, but through this proxy. */
    public static TcpProxy forJdbcUrl(String jdbcUrl) throws IOException {
        String hostAndPort = jdbcUrl.substring("jdbc:postgresql://".length(), jdbcUrl.indexOf('/', "jdbc:postgresql://".length()));
        String[] parts = hostAndPort.split(":");
        return new TcpProxy(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 5432);
    }

    public String rewrite(String jdbcUrl) {
        int start = "jdbc:postgresql://".length();
        return "jdbc:postgresql://127.0.0.1:" + port + jdbcUrl.substring(jdbcUrl.indexOf('/', start));
    }

    /** Drops every relayed connection and refuses new ones. */
    public synchronized void cut() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    /** Accepts and relays connections again, on the same port. */
    public synchronized void restore() throws IOException {
        if (server != null) {
            return;
        }
        ServerSocket listening = new ServerSocket();
        listening.setReuseAddress(true);
        listening.bind(new InetSocketAddress("127.0.0.1", port));
        server = listening;
        Thread acceptor = new Thread(() -> accept(listening), "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(upstream);
                relay(client, upstream);
                relay(upstream, client);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException closed) {
                // one side went away: close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-relay");
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
