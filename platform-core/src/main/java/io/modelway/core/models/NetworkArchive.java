package io.modelway.core.models;

import io.modelway.core.json.ModelwayJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code model.zip}, the network of a model version, read without ever running what it carries. DL4J's own reader
 * deserializes a {@code preprocessor.bin} entry with {@link java.io.ObjectInputStream}, so whoever could register a
 * version could run code wherever it is loaded. Here only the two entries Modelway writes are accepted, each read
 * up to a size limit whatever its header says: {@code configuration.json}, whose class names must all be DL4J's
 * own layers, activations, losses, updaters and schedules before DL4J's JSON reader sees it, and
 * {@code coefficients.bin}, a plain binary array. Anything else in the archive refuses it.
 */
public final class NetworkArchive {

    public static final String CONFIGURATION = "configuration.json";
    public static final String COEFFICIENTS = "coefficients.bin";
    private static final int MAX_CONFIGURATION_BYTES = 1 << 20;
    private static final int MAX_ENTRIES = 2;
    /** The packages a network configuration may name classes of. */
    private static final List<String> ALLOWED_CLASSES = List.of("org.deeplearning4j.nn.conf.",
            "org.deeplearning4j.nn.weights.", "org.nd4j.linalg.activations.", "org.nd4j.linalg.learning.",
            "org.nd4j.linalg.lossfunctions.", "org.nd4j.linalg.schedule.");
    private static final Pattern CLASS_NAME = Pattern.compile("([a-z_][a-z0-9_]*\\.)+[A-Z][\\w$]*");

    private NetworkArchive() {
    }

    /** The archive Modelway writes for a network: its configuration and its parameters, no updater, nothing else. */
    public static byte[] write(MultiLayerNetwork network) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(network, out, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reads a network; {@code maxBytes} caps the parameters. Throws {@link UnsafeArtifactException} for anything else. */
    public static MultiLayerNetwork read(byte[] zip, long maxBytes) {
        Map<String, byte[]> entries = entries(zip, maxBytes);
        byte[] configuration = entries.get(CONFIGURATION);
        byte[] coefficients = entries.get(COEFFICIENTS);
        if (configuration == null || coefficients == null) {
            throw new UnsafeArtifactException("model.zip needs " + CONFIGURATION + " and " + COEFFICIENTS
                    + "; it holds " + entries.keySet());
        }
        String json = new String(configuration, StandardCharsets.UTF_8);
        checkClasses(json);
        MultiLayerConfiguration conf;
        INDArray params;
        try {
            conf = MultiLayerConfiguration.fromJson(json);
            params = Nd4j.read(new DataInputStream(new ByteArrayInputStream(coefficients)));
        } catch (RuntimeException e) {
            throw new UnsafeArtifactException("model.zip does not hold a network Modelway can read: " + e.getMessage(), e);
        }
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        try {
            network.init(params, false);
        } catch (RuntimeException e) {
            throw new UnsafeArtifactException("model.zip's parameters do not fit its configuration: " + e.getMessage(), e);
        }
        if (network.numParams() != params.length()) {
            throw new UnsafeArtifactException("model.zip has " + params.length() + " parameters; its configuration has "
                    + network.numParams());
        }
        return network;
    }

    /** Every entry, each read up to its limit; an entry Modelway does not write, or a repeated one, refuses the archive. */
    static Map<String, byte[]> entries(byte[] zip, long maxBytes) {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (!name.equals(CONFIGURATION) && !name.equals(COEFFICIENTS)) {
                    throw new UnsafeArtifactException("model.zip holds '" + name + "', which Modelway never writes: "
                            + "only " + CONFIGURATION + " and " + COEFFICIENTS + " are read");
                }
                if (entries.containsKey(name) || entries.size() >= MAX_ENTRIES) {
                    throw new UnsafeArtifactException("model.zip holds '" + name + "' twice");
                }
                entries.put(name, readAtMost(in, name, name.equals(CONFIGURATION) ? MAX_CONFIGURATION_BYTES : maxBytes));
            }
        } catch (IOException e) {
            throw new UnsafeArtifactException("model.zip is not a readable zip archive: " + e.getMessage(), e);
        }
        return entries;
    }

    private static byte[] readAtMost(InputStream in, String name, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int read; (read = in.read(buffer)) > 0; ) {
            total += read;
            if (total > limit) {
                throw new UnsafeArtifactException("model.zip's " + name + " is larger than " + limit + " bytes");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    /** Every class name in the configuration, as a type id or anywhere else, must be one of DL4J's own. */
    private static void checkClasses(String json) {
        JsonNode root;
        try {
            root = ModelwayJson.mapper().readTree(json);
        } catch (JacksonException e) {
            throw new UnsafeArtifactException("model.zip's " + CONFIGURATION + " is not JSON: " + e.getOriginalMessage(), e);
        }
        check(root);
    }

    private static void check(JsonNode node) {
        if (node.isString()) {
            checkName(node.asString());
        }
        node.properties().forEach(field -> {
            checkName(field.getKey());
            check(field.getValue());
        });
        if (node.isArray()) {
            node.forEach(NetworkArchive::check);
        }
    }

    private static void checkName(String text) {
        if (CLASS_NAME.matcher(text).matches() && ALLOWED_CLASSES.stream().noneMatch(text::startsWith)) {
            throw new UnsafeArtifactException("model.zip's " + CONFIGURATION + " names the class " + text
                    + ", which is not a DL4J layer, activation, loss, updater or schedule");
        }
    }
}
