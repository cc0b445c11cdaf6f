package io.modelway.launcher;

import io.modelway.test.KafkaServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The services' executable jars unpacked into a plain jar and its libraries (Spring Boot's own extract layout),
 * under {@code .modelway/apps/<module>/}, once per build: a JVM reads classes from plain jars on its class path
 * at a fraction of the cost of the nested jars inside one executable jar, about a third of each service's
 * start-up CPU on a small machine. A stamp beside each copy names the jar it came from (path, size, time), so
 * a new build is unpacked again and an unchanged one is not.
 */
final class ExtractedJars {

    private static final String STAMP = ".extracted-from";

    private final StackLayout layout;

    ExtractedJars(StackLayout layout) {
        this.layout = layout;
    }

    /** The runnable jar of each service, unpacking (all at once, in parallel) those whose build changed. */
    Map<StackLayout.Service, Path> prepare(List<StackLayout.Service> services) throws IOException, InterruptedException {
        Map<StackLayout.Service, Path> runnable = new LinkedHashMap<>();
        List<Unpacking> unpacking = new ArrayList<>();
        for (StackLayout.Service service : services) {
            Path jar = layout.jar(service);
            Path dir = layout.dir("apps").resolve(service.module());
            String source = jar.toAbsolutePath() + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
            Path stamp = dir.resolve(STAMP);
            if (!Files.isRegularFile(stamp) || !Files.readString(stamp).equals(source)) {
                deleteTree(dir);
                Process process = new ProcessBuilder(KafkaServerProcess.javaBinary(), "-XX:TieredStopAtLevel=1",
                        "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", dir.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(layout.logs().resolve(service.module() + "-extract.log").toFile())
                        .start();
                unpacking.add(new Unpacking(service, process, stamp, source));
            }
            runnable.put(service, dir.resolve(jar.getFileName()));
        }
        for (Unpacking u : unpacking) {
            if (!u.process().waitFor(3, TimeUnit.MINUTES) || u.process().exitValue() != 0) {
                u.process().destroyForcibly();
                throw new IllegalStateException("Could not unpack " + u.service().module() + "'s jar; see .modelway/logs/"
                        + u.service().module() + "-extract.log");
            }
            Files.writeString(u.stamp(), u.source());
        }
        return runnable;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private record Unpacking(StackLayout.Service service, Process process, Path stamp, String source) {
    }
}
