import io.modelway.core.models.NetworkArchive;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * In-process DL4J output() on the model the server serves, one thread: single rows, then batches of 64.
 * Prints "single_rows_per_s batch64_rows_per_s". Args: registry URL, model, version; MODELWAY_BENCH_TOKEN is a
 * viewer's access token for the registry.
 */
public class InProcessOutput {

    public static void main(String[] args) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        byte[] zip = http.send(HttpRequest.newBuilder(URI.create(args[0] + "/api/models/" + args[1] + "/versions/"
                + args[2] + "/artifacts/model.zip")).header("Authorization", "Bearer " + System.getenv("MODELWAY_BENCH_TOKEN"))
                .build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        MultiLayerNetwork net = NetworkArchive.read(zip, Long.MAX_VALUE);
        int width = (int) net.layerInputSize(0);
        INDArray one = Nd4j.rand(1, width);
        INDArray batch = Nd4j.rand(64, width);
        double single = rate(net, one, 1, 3);
        double batched = rate(net, batch, 64, 3);
        System.out.printf("%.0f %.0f%n", single, batched);
    }

    /** Best of {@code rounds} two-second rounds, in rows per second. */
    private static double rate(MultiLayerNetwork net, INDArray input, int rows, int rounds) {
        for (int i = 0; i < 2000; i++) {
            net.output(input, false);
        }
        double best = 0;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            long calls = 0;
            while (System.nanoTime() - start < 2_000_000_000L) {
                net.output(input, false);
                calls++;
            }
            best = Math.max(best, calls * rows / ((System.nanoTime() - start) / 1e9));
        }
        return best;
    }
}
