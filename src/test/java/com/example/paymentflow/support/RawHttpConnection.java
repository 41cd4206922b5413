package com.example.paymentflow.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * One HTTP/1.1 connection, kept alive, spoken byte by byte: requests are sent exactly as given, and answers are
 * read strictly (a status line, header lines of the form {@code token: value}, a body of exactly the announced
 * length or well-formed chunks). An answer that breaks HTTP, or a connection that closes before its answer is
 * complete, is an {@link IOException}, as it would be for a client that follows the protocol.
 */
public final class RawHttpConnection implements AutoCloseable {

    private static final Pattern HEADER_LINE = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+:[ \\t]*[^\\r\\n]*");
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 [1-5][0-9]{2}( [^\\r\\n]*)?");
    private static final int MAX_LINE = 16 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean closedByServer;

    private RawHttpConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static RawHttpConnection open(int port, Duration readTimeout) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) readTimeout.toMillis());
        socket.setTcpNoDelay(true);
        return new RawHttpConnection(socket);
    }

    /** An answer as read from the wire; header names in lower case. */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body) {

        public String bodyText() {
            return new String(body, UTF_8);
        }

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        public boolean closesConnection() {
            return "close".equalsIgnoreCase(header("connection"));
        }
    }

    /** Sends the request and reads its answer. */
    public Answer exchange(byte[] request) throws IOException {
        send(request);
        return readAnswer();
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public Answer readAnswer() throws IOException {
        String statusLine = readLine();
        if (!STATUS_LINE.matcher(statusLine).matches()) {
            throw new IOException("not an HTTP/1.1 status line: " + printable(statusLine));
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            if (!HEADER_LINE.matcher(line).matches()) {
                throw new IOException("malformed header line in a " + status + " answer: " + printable(line));
            }
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        Answer answer = new Answer(status, headers, readBody(status, headers));
        if (answer.closesConnection()) {
            closedByServer = true;
        }
        return answer;
    }

    /** Whether the server announced that it closes this connection after the last answer. */
    public boolean isClosedByServer() {
        return closedByServer;
    }

    /**
     * Whether the server has closed the connection, waiting for it at most the read timeout: end of stream or a
     * reset. Anything the server still sends before closing is read and ignored.
     */
    public boolean awaitClosedByServer() throws IOException {
        try {
            byte[] buffer = new byte[8192];
            while (in.read(buffer) >= 0) {
                // keep reading until the end
            }
            return true;
        } catch (SocketException reset) {
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        }
    }

    private byte[] readBody(int status, Map<String, List<String>> headers) throws IOException {
        if (status < 200 || status == 204 || status == 304) {
            return new byte[0];
        }
        List<String> encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.contains("chunked")) {
            return readChunks();
        }
        List<String> length = headers.get("content-length");
        if (length == null || length.size() != 1) {
            throw new IOException("a " + status + " answer without a single Content-Length or chunks: " + headers);
        }
        return readExactly(Integer.parseInt(length.get(0)));
    }

    private byte[] readChunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int size;
            try {
                size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size: " + printable(sizeLine));
            }
            if (size == 0) {
                if (!readLine().isEmpty()) {
                    throw new IOException("trailers after the last chunk");
                }
                return body.toByteArray();
            }
            body.write(readExactly(size));
            if (!readLine().isEmpty()) {
                throw new IOException("chunk longer than announced");
            }
        }
    }

    private byte[] readExactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("connection closed " + bytes.length + " bytes into a body of " + length);
        }
        return bytes;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed before a complete answer");
            }
            if (b == '\r') {
                if (in.read() != '\n') {
                    throw new IOException("CR without LF");
                }
                return line.toString(ISO_8859_1);
            }
            if (b == '\n') {
                throw new IOException("LF without CR");
            }
            line.write(b);
            if (line.size() > MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
        }
    }

    private static String printable(String line) {
        return "'" + line.replace("\r", "\\r").replace("\n", "\\n") + "'";
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
