package io.modelway.ingest.uploads;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** RFC 4180 CSV with a header line; ragged rows are passed on (and quarantined), not fatal. */
final class CsvRowSource implements RowSource {

    private final CsvReader<CsvRecord> reader;
    private final Iterator<CsvRecord> records;
    private final List<String> header;

    CsvRowSource(Reader input) {
        this.reader = CsvReader.builder()
                .allowExtraFields(true)
                .allowMissingFields(true)
                .allowUnclosedQuote(false)
                .detectBomHeader(false)
                .ofCsvRecord(input);
        this.records = reader.iterator();
        CsvRecord first = advance();
        if (first == null) {
            throw new UnreadableUploadException("Upload is empty: a CSV upload needs a header line and rows");
        }
        this.header = first.getFields().stream().map(CsvRowSource::stripBom).map(String::strip).toList();
        validateHeader(header);
    }

    private static String stripBom(String name) {
        return name.startsWith("\uFEFF") ? name.substring(1) : name;
    }

    private static void validateHeader(List<String> header) {
        if (header.size() == 1) {
            for (char delimiter : new char[] {';', '\t', '|'}) {
                if (header.get(0).indexOf(delimiter) >= 0) {
                    throw new UnreadableUploadException("The header looks separated by '"
                            + (delimiter == '\t' ? "\\t" : String.valueOf(delimiter))
                            + "': text/csv uploads are comma-separated (RFC 4180)");
                }
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name.isEmpty()) {
                throw new UnreadableUploadException("Header column " + (i + 1) + " has no name");
            }
            if (name.chars().anyMatch(Character::isISOControl)) {
                throw new UnreadableUploadException("Header column " + (i + 1)
                        + " contains control characters: is the file UTF-16 or binary?");
            }
            if (!seen.add(name)) {
                throw new UnreadableUploadException("Header names column '" + name + "' twice");
            }
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public SourceRow next() {
        CsvRecord record = advance();
        if (record == null) {
            return null;
        }
        List<String> fields = record.getFields();
        return SourceRow.of(record.getStartingLineNumber(), fields, () -> toCsvLine(fields));
    }

    private CsvRecord advance() {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (CsvParseException | UncheckedIOException e) {
            throw RowSource.unreadable(e);
        }
    }

    private static String toCsvLine(List<String> fields) {
        StringWriter out = new StringWriter();
        try (CsvWriter writer = CsvWriter.builder().build(out)) {
            writer.writeRecord(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().stripTrailing();
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
