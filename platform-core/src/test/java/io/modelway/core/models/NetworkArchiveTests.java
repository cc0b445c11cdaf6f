package io.modelway.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A model archive is read as data: the network Modelway wrote comes back, and nothing else in an archive ever runs. */
class NetworkArchiveTests {

    static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void readsBackTheNetworkModelwayWrote() {
        MultiLayerNetwork written = network();
        MultiLayerNetwork read = NetworkArchive.read(NetworkArchive.write(written), 1 << 20);
        assertThat(read.params()).isEqualTo(written.params());
        var input = Nd4j.rand(2, 4);
        assertThat(read.output(input)).isEqualTo(written.output(input));
    }

    @Test
    void neverReadsTheObjectsAnArchiveCarries(@TempDir Path dir) {
        Path marker = dir.resolve("written-by-the-archive");
        byte[] attack = CraftedArchives.carryingAnObjectThatWrites(NetworkArchive.write(network()), marker);

        assertThatThrownBy(() -> NetworkArchive.read(attack, 1 << 20))
                .isInstanceOf(UnsafeArtifactException.class).hasMessageContaining("preprocessor.bin");
        assertThat(marker).doesNotExist();

        // The archive is a real attack: DL4J's own reader runs what it carries, and only then finds the wrong type.
        assertThatThrownBy(() -> ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(attack), false))
                .isInstanceOf(ClassCastException.class);
        assertThat(marker).hasContent("ran");
    }

    @Test
    void refusesConfigurationsNamingClassesBeyondDl4jsOwn() {
        Map<String, byte[]> entries = CraftedArchives.entries(NetworkArchive.write(network()));
        String json = new String(entries.get(NetworkArchive.CONFIGURATION), StandardCharsets.UTF_8)
                .replaceFirst("org\\.nd4j\\.linalg\\.activations\\.impl\\.ActivationReLU", "java.lang.ProcessBuilder");
        entries.put(NetworkArchive.CONFIGURATION, json.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> NetworkArchive.read(CraftedArchives.zip(entries), 1 << 20))
                .isInstanceOf(UnsafeArtifactException.class).hasMessageContaining("java.lang.ProcessBuilder");
    }

    @Test
    void refusesOversizedMissingAndRepeatedEntries() {
        byte[] archive = NetworkArchive.write(network());
        assertThatThrownBy(() -> NetworkArchive.read(archive, 16)).hasMessageContaining("larger than 16 bytes");
        Map<String, byte[]> noParams = CraftedArchives.entries(archive);
        noParams.remove(NetworkArchive.COEFFICIENTS);
        assertThatThrownBy(() -> NetworkArchive.read(CraftedArchives.zip(noParams), 1 << 20))
                .hasMessageContaining("needs");
        assertThatThrownBy(() -> NetworkArchive.read("not a zip".getBytes(StandardCharsets.UTF_8), 1 << 20))
                .isInstanceOf(UnsafeArtifactException.class);
        Map<String, byte[]> other = CraftedArchives.entries(archive);
        other.put("updaterState.bin", new byte[] {1});
        assertThatThrownBy(() -> NetworkArchive.read(CraftedArchives.zip(other), 1 << 20))
                .hasMessageContaining("updaterState.bin");
        Map<String, byte[]> wrongCount = CraftedArchives.entries(NetworkArchive.write(network()));
        wrongCount.put(NetworkArchive.COEFFICIENTS,
                CraftedArchives.entries(NetworkArchive.write(smaller())).get(NetworkArchive.COEFFICIENTS));
        assertThatThrownBy(() -> NetworkArchive.read(CraftedArchives.zip(wrongCount), 1 << 20))
                .isInstanceOf(UnsafeArtifactException.class);
    }

    static MultiLayerNetwork smaller() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(2).nOut(2)
                        .activation(Activation.SOFTMAX).build()).build());
        net.init();
        return net;
    }
}
