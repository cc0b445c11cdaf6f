package io.modelway.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP link between a service and one of its dependencies that a test can break: it passes bytes both ways,
 * or it {@link Mode#HANG hangs} (connections are accepted and whatever is sent is read, but nothing ever comes
 * back: a dependency that is up and never answers), or it is {@link Mode#DOWN down} (connections are refused
 * and open ones closed: a dependency that stopped). Switching mode breaks the connections open at that moment.
 */
public final class FaultyLink implements AutoCloseable {

    public enum Mode { PASS, HANG, DOWN }

    private final InetSocketAddress target;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile Mode mode;
    private volatile ServerSocket server;

    private FaultyLink(InetSocketAddress target, Mode mode) {
        this.target = target;
        this.mode = mode;
        try (ServerSocket probe = new ServerSocket(0)) {
            this.port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (mode != Mode.DOWN) {
            listen();
        }
    }

    /** A link to {@code 127.0.0.1:targetPort}, starting in {@code mode}. */
    public static FaultyLink to(int targetPort, Mode mode) {
        return new FaultyLink(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), mode);
    }

    /** The port services connect to instead of the dependency's. */
    public int port() {
        return port;
    }

    public Mode mode() {
        return mode;
    }

    public synchronized void mode(Mode next) {
        if (next == mode) {
            return;
        }
        mode = next;
        open.forEach(FaultyLink::closeQuietly);
        open.clear();
        if (next == Mode.DOWN) {
            closeQuietly(server);
            server = null;
        } else if (server == null) {
            listen();
        }
    }

    private void listen() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = socket;
            Thread accept = new Thread(() -> accept(socket), "faulty-link-" + port);
            accept.setDaemon(true);
            accept.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return;
            }
            open.add(client);
            if (mode == Mode.HANG) {
                pump(client, OutputStream.nullOutputStream(), null);
                continue;
            }
            try {
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                open.add(upstream);
                pump(client, upstream.getOutputStream(), upstream);
                pump(upstream, client.getOutputStream(), client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    /** Copies what {@code from} sends to {@code to} on a thread of its own; closes both ends when either ends. */
    private static void pump(Socket from, OutputStream to, Socket peer) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // The link was broken on purpose, or an end went away.
            } finally {
                closeQuietly(from);
                closeQuietly(peer);
            }
        }, "faulty-link-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // Already closed.
        }
    }

    @Override
    public synchronized void close() {
        mode(Mode.DOWN);
    }
}
