import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * The ERP and the mail server of the benchmark, on loopback, light enough not to be what is measured: an HTTP ERP
 * that answers 200 to every POST and counts requests and distinct Idempotency-Keys (GET /stats), and an SMTP sink
 * that accepts every message. Run with `java bench/Sinks.java ERP_PORT SMTP_PORT`.
 */
public class Sinks {

    private static final AtomicLong REQUESTS = new AtomicLong();
    private static final AtomicLong MAILS = new AtomicLong();
    private static final Set<String> KEYS = ConcurrentHashMap.newKeySet();

    public static void main(String[] args) throws IOException {
        // answers go out at once: with Nagle's algorithm, a body written after its headers would wait for the
        // client's delayed acknowledgement (40 ms), and the stub, not the service, would set the pace
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer erp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(args[0])), 256);
        erp.setExecutor(Executors.newFixedThreadPool(32));
        erp.createContext("/", exchange -> {
            byte[] answer;
            if ("POST".equals(exchange.getRequestMethod())) {
                exchange.getRequestBody().readAllBytes();
                REQUESTS.incrementAndGet();
                String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                if (key != null) {
                    KEYS.add(key);
                }
                answer = "{}".getBytes(StandardCharsets.UTF_8);
            } else {
                answer = ("{\"requests\": " + REQUESTS.get() + ", \"distinct_keys\": " + KEYS.size()
                        + ", \"mails\": " + MAILS.get() + "}").getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        erp.start();
        try (ServerSocket smtp = new ServerSocket(Integer.parseInt(args[1]), 256, InetAddress.getLoopbackAddress())) {
            var mailThreads = Executors.newCachedThreadPool();
            while (true) {
                Socket connection = smtp.accept();
                mailThreads.execute(() -> takeMail(connection));
            }
        }
    }

    private static void takeMail(Socket connection) {
        try (connection;
             BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                     StandardCharsets.ISO_8859_1));
             OutputStream out = connection.getOutputStream()) {
            send(out, "220 sink ESMTP");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.trim().toUpperCase();
                if (command.startsWith("EHLO")) {
                    send(out, "250-sink\r\n250 8BITMIME");
                } else if (command.equals("DATA")) {
                    send(out, "354 go ahead");
                    for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                        // the message is not kept
                    }
                    MAILS.incrementAndGet();
                    send(out, "250 queued");
                } else if (command.equals("QUIT")) {
                    send(out, "221 bye");
                    return;
                } else {
                    send(out, "250 OK");
                }
            }
        } catch (IOException closed) {
            // the client went away
        }
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
