package io.modelway.launcher;

import io.modelway.test.KafkaServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A class-data archive per service, beside its unpacked jar: a JVM maps the archived classes instead of loading,
 * parsing and verifying each again, which is over a third of a service's start-up CPU here. A run without an
 * archive lists the classes it loads; once the stack is up, the archives are built from those lists one service
 * at a time, at the lowest CPU priority, so the next start uses them. A new build is unpacked afresh, which removes
 * its archive and list; a JVM that finds an archive not matching its classes says so in its log and runs without it.
 */
final class ClassDataArchives {

    static final String ARCHIVE = "classes.jsa";
    static final String CLASS_LIST = "classes.lst";

    private final StackLayout layout;
    private volatile Process building;
    private volatile boolean closed;

    ClassDataArchives(StackLayout layout) {
        this.layout = layout;
    }

    /** The JVM option that uses the service's archive, or lists its classes for one. */
    static String option(Path jar) {
        Path archive = jar.resolveSibling(ARCHIVE);
        return Files.isRegularFile(archive) ? "-XX:SharedArchiveFile=" + archive
                : "-XX:DumpLoadedClassList=" + jar.resolveSibling(CLASS_LIST);
    }

    /** Builds the missing archives on a background thread, and returns at once. */
    void buildMissing(Map<StackLayout.Service, Path> jars) {
        List<Map.Entry<StackLayout.Service, Path>> missing = new ArrayList<>();
        for (Map.Entry<StackLayout.Service, Path> entry : jars.entrySet()) {
            Path jar = entry.getValue();
            if (!Files.isRegularFile(jar.resolveSibling(ARCHIVE)) && Files.isRegularFile(jar.resolveSibling(CLASS_LIST))) {
                missing.add(entry);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Thread thread = new Thread(() -> build(missing), "class-data-archives");
        thread.setDaemon(true);
        thread.start();
    }

    private void build(List<Map.Entry<StackLayout.Service, Path>> missing) {
        LocalStack.log("Building class-data archives of " + missing.size() + " services in the background, for faster"
                + " starts from the next one on");
        int built = 0;
        for (Map.Entry<StackLayout.Service, Path> entry : missing) {
            if (closed) {
                return;
            }
            try {
                built += build(entry.getKey(), entry.getValue()) ? 1 : 0;
            } catch (IOException e) {
                LocalStack.log("No class-data archive for " + entry.getKey().module() + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LocalStack.log("Class-data archives built: " + built + " of " + missing.size());
    }

    private boolean build(StackLayout.Service service, Path jar) throws IOException, InterruptedException {
        // The list is still written to while the service runs: only its complete lines are taken.
        String listed = Files.readString(jar.resolveSibling(CLASS_LIST), StandardCharsets.UTF_8);
        Path list = jar.resolveSibling(CLASS_LIST + ".taken");
        Files.writeString(list, listed.substring(0, listed.lastIndexOf('\n') + 1), StandardCharsets.UTF_8);
        Path partial = jar.resolveSibling(ARCHIVE + ".partial");
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
            command.addAll(List.of("/usr/bin/nice", "-n", "19"));
        }
        command.addAll(List.of(KafkaServerProcess.javaBinary(), "-Xshare:dump", "-XX:SharedClassListFile=" + list,
                "-XX:SharedArchiveFile=" + partial, "-cp", jar.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(layout.logs().resolve(service.module() + "-archive.log").toFile()).start();
        building = process;
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0 || closed) {
                process.destroyForcibly();
                Files.deleteIfExists(partial);
                return false;
            }
        } finally {
            building = null;
            Files.deleteIfExists(list);
        }
        Files.move(partial, jar.resolveSibling(ARCHIVE), StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** Stops an archive being built; a later start builds it again. */
    void close() {
        closed = true;
        Process process = building;
        if (process != null) {
            process.destroyForcibly();
        }
    }
}
