package io.modelway.ingest.uploads;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.micrometer.core.instrument.Counter;
import io.modelway.core.profile.DatasetProfile;
import io.modelway.core.profile.ProfileBuilder;
import io.modelway.core.schema.DatasetSchema;
import io.modelway.core.storage.Sha256;
import io.modelway.ingest.cleaning.CleaningResult;
import io.modelway.ingest.cleaning.QuarantineReason;
import io.modelway.ingest.cleaning.RowCleaner;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One pass over an upload: every row is cleaned and written either to the clean file or, with its
 * reason and original text, to the quarantine file; clean rows feed the profile. Counts add up by
 * construction: each row read is written to exactly one of the two files.
 */
final class CleaningPass implements AutoCloseable {

    static final List<String> QUARANTINE_HEADER = List.of("line", "reason", "column", "detail", "raw");

    private final RowCleaner cleaner;
    private final ProfileBuilder profile;
    private final Path cleanFile;
    private final Path quarantineFile;
    private final CsvWriter clean;
    private final CsvWriter quarantine;
    private final MessageDigest cleanDigest;
    private final MessageDigest quarantineDigest;
    private String cleanSha256;
    private String quarantineSha256;
    private final Map<String, Long> reasons = new TreeMap<>();
    private boolean finished;
    private long received;
    private long cleanRows;
    private long quarantined;

    CleaningPass(DatasetSchema schema, RowCleaner cleaner) {
        this.cleaner = cleaner;
        this.profile = new ProfileBuilder(schema);
        try {
            this.cleanFile = Files.createTempFile("modelway-clean-", ".csv");
            this.quarantineFile = Files.createTempFile("modelway-quarantine-", ".csv");
            this.cleanDigest = Sha256.newDigest();
            this.quarantineDigest = Sha256.newDigest();
            this.clean = CsvWriter.builder().build(digesting(cleanFile, cleanDigest));
            this.quarantine = CsvWriter.builder().build(digesting(quarantineFile, quarantineDigest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        clean.writeRecord(schema.columnNames());
        quarantine.writeRecord(QUARANTINE_HEADER);
    }

    /** Cleans every row; reports counts every 10,000 rows, at the end, and at the row where reading fails. */
    void run(RowSource source, Counter rowsCounter, Consumer<UploadProgress.Counts> progress) {
        try {
            read(source, rowsCounter, progress);
        } finally {
            rowsCounter.increment(received % 10_000);
            progress.accept(counts());
        }
    }

    private void read(RowSource source, Counter rowsCounter, Consumer<UploadProgress.Counts> progress) {
        for (SourceRow row; (row = source.next()) != null; ) {
            received++;
            CleaningResult result = row.problem() != null ? new CleaningResult.Quarantined(row.problem())
                    : cleaner.clean(row.fields());
            if (result instanceof CleaningResult.Clean c) {
                clean.writeRecord(c.values());
                profile.observeClean(c.values(), cleaner.numbers());
                cleanRows++;
            } else if (result instanceof CleaningResult.Quarantined q) {
                QuarantineReason reason = q.reason();
                quarantine.writeRecord(Long.toString(row.line()), reason.code(),
                        reason.column() == null ? "" : reason.column(), reason.detail(), row.raw());
                reasons.merge(reason.code(), 1L, Long::sum);
                quarantined++;
            }
            if (received % 10_000 == 0) {
                rowsCounter.increment(10_000);
                progress.accept(counts());
            }
        }
    }

    UploadProgress.Counts counts() {
        return new UploadProgress.Counts(received, cleanRows, quarantined);
    }

    long received() {
        return received;
    }

    long clean() {
        return cleanRows;
    }

    long quarantined() {
        return quarantined;
    }

    Map<String, Long> reasons() {
        return reasons;
    }

    Map<String, Map<String, Long>> columnReport() {
        return cleaner.report().counts();
    }

    DatasetProfile profile() {
        return profile.build();
    }

    Path cleanFile() {
        return cleanFile;
    }

    Path quarantineFile() {
        return quarantineFile;
    }

    /** The SHA-256 of the clean file, taken as it was written; after {@link #finish()}. */
    String cleanSha256() {
        return cleanSha256;
    }

    String quarantineSha256() {
        return quarantineSha256;
    }

    private static Writer digesting(Path file, MessageDigest digest) throws IOException {
        return new OutputStreamWriter(new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
                64 * 1024), digest), StandardCharsets.UTF_8);
    }

    /** Flushes both files; call before uploading them. */
    void finish() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            clean.close();
            quarantine.close();
            cleanSha256 = Sha256.hex(cleanDigest);
            quarantineSha256 = Sha256.hex(quarantineDigest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        finish();
        cleanFile.toFile().delete();
        quarantineFile.toFile().delete();
    }
}
