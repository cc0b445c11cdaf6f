package io.modelway.ingest.uploads;

import io.modelway.core.profile.DatasetProfile;
import io.modelway.core.schema.DatasetSchema;
import io.modelway.core.schema.SchemaInference;
import io.modelway.ingest.cleaning.RowCleaner;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * What the cleaning of an upload needs from all of its rows before it starts: the schema inferred from them, or,
 * for a known schema whose rules need them, the upload's statistics (imputed means, outlier bounds). A CSV upload
 * is read for it while it is spooled ({@link #whileArriving}), so this costs no pass over the file of its own; a JSON
 * upload, whose header is every key of every object, is read from the spooled file. A failure to read the rows is
 * kept and thrown when the result is asked for, where the upload's version records it.
 */
final class FirstReading {

    private final UploadFormat format;
    private final DatasetSchema known;
    private final boolean needsStatistics;
    private DatasetSchema inferred;
    private DatasetProfile statistics;
    private RuntimeException failure;
    private boolean read;

    /** {@code known}: the dataset's schema, or null when this upload's rows are to give it. */
    FirstReading(UploadFormat format, DatasetSchema known) {
        this.format = format;
        this.known = known;
        this.needsStatistics = known != null
                && known.columns().stream().anyMatch(column -> column.rules().needsStatistics());
    }

    /** Reads the text of a CSV upload as it arrives; any other format is read later, from the file. */
    void whileArriving(InputStream text) {
        if (format == UploadFormat.CSV && needed()) {
            try (RowSource source = new CsvRowSource(RowSource.strictUtf8(text))) {
                observe(source);
            } catch (RuntimeException e) {
                failure = e;
            }
            read = true;
        }
    }

    /** The schema to clean against: the known one, or the one the rows show. */
    DatasetSchema schema(Path text) {
        if (known != null) {
            return known;
        }
        readFile(text);
        return inferred;
    }

    /** The statistics the schema's rules need, or null when they need none. */
    DatasetProfile statistics(Path text) {
        if (!needsStatistics) {
            return null;
        }
        readFile(text);
        return statistics;
    }

    private boolean needed() {
        return known == null || needsStatistics;
    }

    private void readFile(Path text) {
        if (!read) {
            read = true;
            try (RowSource source = RowSource.open(format, text, known == null ? null : known.columnNames())) {
                observe(source);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void observe(RowSource source) {
        if (known == null) {
            SchemaInference inference = new SchemaInference(source.header());
            int width = source.header().size();
            for (SourceRow row; (row = source.next()) != null; ) {
                if (row.problem() == null && row.fields().size() == width) {
                    inference.observe(row.fields());
                }
            }
            inferred = inference.result();
        } else {
            RowCleaner.Statistics observed = RowCleaner.statistics(known);
            try (RowSource conformed = SchemaMatch.conform(source, known)) {
                for (SourceRow row; (row = conformed.next()) != null; ) {
                    if (row.problem() == null) {
                        observed.observe(row.fields());
                    }
                }
            }
            statistics = observed.result();
        }
    }
}
