import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The serving benchmark's yardstick: the smallest HTTP server the JDK offers, reading each request's body and
 * answering a constant prediction, on one thread per core. What serving-api does on top of this (security,
 * validation, feature encoding, the forward pass, the prediction log, metrics) is what the benchmark's headline
 * ratio measures. Args: port. Runs until killed.
 */
public class ReferenceServer {

    private static final byte[] ANSWER = ("{\"model\":\"penguins\",\"version\":\"1\",\"predictions\":[{\"label\":\"Gentoo\","
            + "\"probabilities\":{\"Adelie\":0.01,\"Chinstrap\":0.01,\"Gentoo\":0.98}}]}").getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 1024);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ANSWER.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ANSWER);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors()));
        server.start();
        System.out.println("listening");
    }
}
