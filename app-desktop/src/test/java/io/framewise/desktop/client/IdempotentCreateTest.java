package io.framewise.desktop.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.framewise.desktop.client.ApiModels.Note;
import io.framewise.desktop.testing.ReviewServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Creates whose answer is lost on the way: the client sends them again with the same key and the
 * real server answers the first create again instead of making a second.
 */
class IdempotentCreateTest {

    private final ReviewServer s = ReviewServer.get();

    @Test
    void aNoteWhoseAnswerIsLostIsSentAgainWithItsKeyAndMadeOnce() throws Exception {
        try (LossyProxy proxy = new LossyProxy(s.server.baseUri(), 1)) {
            ApiClient api = new ApiClient(proxy.uri(), null);
            Note note = api.createNote(
                    s.v1.id(),
                    ApiClient.JSON.createObjectNode().put("text", "said once").put("frame", 12));
            assertEquals(2, proxy.keys().size(), "the lost answer made the client send again: " + proxy.keys());
            assertEquals(proxy.keys().get(0), proxy.keys().get(1), "with the same key");
            assertEquals(List.of(note.id()), idsOf("said once"), "one note, the one answered");

            Note another = api.createNote(
                    s.v1.id(),
                    ApiClient.JSON.createObjectNode().put("text", "said once").put("frame", 12));
            assertNotEquals(proxy.keys().get(1), proxy.keys().get(2), "a new create has a new key");
            assertEquals(List.of(note.id(), another.id()), idsOf("said once"));
        }
    }

    @Test
    void anAssetWhoseAnswerIsLostIsMadeOnce() throws Exception {
        int before = s.api.assets(s.asset.projectId()).size();
        try (LossyProxy proxy = new LossyProxy(s.server.baseUri(), 1)) {
            ApiClient api = new ApiClient(proxy.uri(), null);
            // A fresh upload: a media item already filed in an asset cannot be filed again.
            String fresh = s.api.upload(io.framewise.media.testing.TestMedia.get(
                            io.framewise.media.testing.TestMedia.Variant.H264_2997_DF))
                    .id();
            var asset = api.createAsset(s.asset.projectId(), null, "Harbour again", fresh);
            assertEquals(2, proxy.keys().size());
            assertEquals(proxy.keys().get(0), proxy.keys().get(1));
            assertEquals(before + 1, s.api.assets(s.asset.projectId()).size(), "one asset made");
            assertEquals("Harbour again", s.api.asset(asset.id()).title());
        }
    }

    private List<String> idsOf(String text) {
        return s.api.notes(s.v1.id()).stream()
                .filter(n -> n.text().equals(text))
                .map(Note::id)
                .toList();
    }

    /**
     * A TCP relay in front of the server that hands every request on but, for the first {@code drop}
     * connections, closes the connection as soon as the server starts answering: the server did the
     * work, the client never hears of it. It notes the {@code Idempotency-Key} of every request.
     */
    static final class LossyProxy implements AutoCloseable {
        private static final Pattern KEY = Pattern.compile("(?im)^Idempotency-Key: *([^\\r\\n]+)");

        private final ServerSocket listener;
        private final URI target;
        private final int drop;
        private final AtomicInteger connections = new AtomicInteger();
        private final List<String> keys = Collections.synchronizedList(new ArrayList<>());
        private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());

        LossyProxy(URI target, int drop) throws IOException {
            this.target = target;
            this.drop = drop;
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(this::accept, "lossy-proxy");
            accept.setDaemon(true);
            accept.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/");
        }

        List<String> keys() {
            return List.copyOf(keys);
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket server = new Socket(target.getHost(), target.getPort());
                    open.add(client);
                    open.add(server);
                    boolean lose = connections.incrementAndGet() <= drop;
                    start(() -> pumpRequests(client, server));
                    start(() -> pumpAnswers(server, client, lose));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void pumpRequests(Socket client, Socket server) {
            StringBuilder seen = new StringBuilder();
            try (InputStream in = client.getInputStream();
                    OutputStream out = server.getOutputStream()) {
                byte[] buf = new byte[8192];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    int headEnd;
                    while ((headEnd = seen.indexOf("\r\n\r\n")) >= 0) {
                        Matcher m = KEY.matcher(seen.substring(0, headEnd + 2));
                        if (m.find()) {
                            keys.add(m.group(1));
                        }
                        // The body that follows has no blank line of its own in these JSON requests.
                        seen.delete(0, headEnd + 4);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // One side closed: the relay of this connection ends.
            }
        }

        private void pumpAnswers(Socket server, Socket client, boolean lose) {
            try (InputStream in = server.getInputStream();
                    OutputStream out = client.getOutputStream()) {
                byte[] buf = new byte[8192];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    if (lose) {
                        client.close();
                        server.close();
                        return;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // One side closed: the relay of this connection ends.
            }
        }

        private static void start(Runnable pump) {
            Thread t = new Thread(pump, "lossy-proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            listener.close();
            synchronized (open) {
                for (Socket socket : open) {
                    socket.close();
                }
            }
        }
    }
}
