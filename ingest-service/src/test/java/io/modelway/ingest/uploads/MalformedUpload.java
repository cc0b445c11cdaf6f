package io.modelway.ingest.uploads;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * A corpus of broken uploads, each with what the service must answer: a 4xx problem naming the field,
 * or a version whose rows add up and whose bad rows are quarantined with the expected reason.
 */
record MalformedUpload(String name, String contentType, Map<String, String> headers, byte[] body, String schema,
        Expect expect) {

    /** What a case must get back. */
    sealed interface Expect permits Rejected, Quarantined, Accepted, Handled {
    }

    /** A 4xx problem+json naming {@code field}. */
    record Rejected(int status, String field) implements Expect {
    }

    /** A version in which at least one row is quarantined with this reason code. */
    record Quarantined(String reason) implements Expect {
    }

    /** A version with every row clean. */
    record Accepted() implements Expect {
    }

    /** Either a clear 4xx problem or a version whose rows add up: the input is odd, not wrong. */
    record Handled() implements Expect {
    }

    @Override
    public String toString() {
        return name;
    }

    static final String CSV = "text/csv";
    static final String JSON = "application/json";
    static final String NDJSON = "application/x-ndjson";
    private static final String GOOD_CSV = "a,b\n1,x\n2,y\n";
    private static final String NUMERIC_SCHEMA = """
            {"columns":[{"name":"a","type":"NUMERIC"},{"name":"b","type":"CATEGORICAL"}]}""";

    static List<MalformedUpload> corpus() {
        List<MalformedUpload> cases = new ArrayList<>();
        wrongContentTypes(cases);
        emptyBodies(cases);
        jsonThatIsNotRows(cases);
        invalidUtf8(cases);
        otherEncodings(cases);
        byteOrderMarks(cases);
        delimitersAndHeaders(cases);
        raggedRows(cases);
        quoting(cases);
        hugeInputs(cases);
        mixedTypes(cases);
        jsonRows(cases);
        compression(cases);
        binaryJunk(cases);
        return cases;
    }

    private static void wrongContentTypes(List<MalformedUpload> cases) {
        for (String type : new String[] {"image/png", "text/plain", "application/xml", "application/octet-stream",
                "multipart/form-data; boundary=x", "text/csv2", "text/html", "application/x-www-form-urlencoded",
                "application/vnd.ms-excel", "application/pdf", "application/json-seq"}) {
            cases.add(new MalformedUpload("content type " + type, type, Map.of(), bytes(GOOD_CSV), null,
                    new Rejected(415, "Content-Type")));
        }
        cases.add(new MalformedUpload("no content type", null, Map.of(), bytes(GOOD_CSV), null,
                new Rejected(415, "Content-Type")));
    }

    private static void emptyBodies(List<MalformedUpload> cases) {
        for (String type : new String[] {CSV, JSON, NDJSON}) {
            for (String body : new String[] {"", "\n", "   \n\t", "\uFEFF", "\r\n\r\n"}) {
                cases.add(new MalformedUpload(type + " empty " + body.replace("\n", "\\n").replace("\r", "\\r")
                        .replace("\t", "\\t").replace("\uFEFF", "BOM"), type, Map.of(), bytes(body), null,
                        new Rejected(400, "body")));
            }
        }
        cases.add(new MalformedUpload("csv header only", CSV, Map.of(), bytes("a,b\n"), null, new Rejected(400, "body")));
        cases.add(new MalformedUpload("csv header then blank lines", CSV, Map.of(), bytes("a,b\n\n\n"), null,
                new Rejected(400, "body")));
    }

    private static void jsonThatIsNotRows(List<MalformedUpload> cases) {
        for (String body : new String[] {"[]", "{}", "null", "[null]", "[1,2,3]", "\"text\"", "[[1,2],[3,4]]", "42",
                "true"}) {
            cases.add(new MalformedUpload("json " + body, JSON, Map.of(), bytes(body), null, new Rejected(400, "body")));
        }
        cases.add(new MalformedUpload("ndjson only arrays", NDJSON, Map.of(), bytes("[1,2]\n[3,4]\n"), null,
                new Rejected(400, "body")));
    }

    private static void invalidUtf8(List<MalformedUpload> cases) {
        byte[][] sequences = {{(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0xAF},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xE9},
                {(byte) 0x93, 'q', (byte) 0x94}};
        String[] names = {"0xFF", "bad continuation", "overlong slash", "CESU surrogate", "truncated euro sign",
                "latin-1 e-acute", "cp1252 smart quotes"};
        for (int i = 0; i < sequences.length; i++) {
            cases.add(new MalformedUpload("csv invalid utf-8 " + names[i], CSV, Map.of(),
                    concat(bytes("a,b\n1,caf"), sequences[i], bytes("\n")), null, new Rejected(400, "body")));
            cases.add(new MalformedUpload("json invalid utf-8 " + names[i], JSON, Map.of(),
                    concat(bytes("[{\"a\":1,\"b\":\"caf"), sequences[i], bytes("\"}]")), null, new Rejected(400, "body")));
            cases.add(new MalformedUpload("ndjson invalid utf-8 " + names[i], NDJSON, Map.of(),
                    concat(bytes("{\"a\":1,\"b\":\"caf"), sequences[i], bytes("\"}\n")), null, new Rejected(400, "body")));
        }
    }

    private static void otherEncodings(List<MalformedUpload> cases) {
        cases.add(new MalformedUpload("csv utf-16le with bom", CSV, Map.of(),
                concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, GOOD_CSV.getBytes(StandardCharsets.UTF_16LE)), null,
                new Rejected(400, "body")));
        cases.add(new MalformedUpload("csv utf-16be with bom", CSV, Map.of(),
                concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, GOOD_CSV.getBytes(StandardCharsets.UTF_16BE)), null,
                new Rejected(400, "body")));
        cases.add(new MalformedUpload("csv utf-16le without bom", CSV, Map.of(),
                GOOD_CSV.getBytes(StandardCharsets.UTF_16LE), null, new Rejected(400, "body")));
        cases.add(new MalformedUpload("csv utf-32", CSV, Map.of(), GOOD_CSV.getBytes(Charset.forName("UTF-32")), null,
                new Rejected(400, "body")));
        cases.add(new MalformedUpload("json utf-16le", JSON, Map.of(),
                "[{\"a\":1}]".getBytes(StandardCharsets.UTF_16LE), null, new Rejected(400, "body")));
    }

    private static void byteOrderMarks(List<MalformedUpload> cases) {
        cases.add(new MalformedUpload("csv with utf-8 bom", CSV, Map.of(), bytes("\uFEFF" + GOOD_CSV), null,
                new Accepted()));
        cases.add(new MalformedUpload("json with utf-8 bom", JSON, Map.of(),
                bytes("\uFEFF[{\"a\":1,\"b\":\"x\"},{\"a\":2,\"b\":\"y\"}]"), null, new Accepted()));
        cases.add(new MalformedUpload("ndjson with utf-8 bom", NDJSON, Map.of(),
                bytes("\uFEFF{\"a\":1,\"b\":\"x\"}\n{\"a\":2,\"b\":\"y\"}\n"), null, new Accepted()));
    }

    private static void delimitersAndHeaders(List<MalformedUpload> cases) {
        cases.add(new MalformedUpload("semicolon separated", CSV, Map.of(), bytes("a;b\n1;x\n2;y\n"), null,
                new Rejected(400, "body")));
        cases.add(new MalformedUpload("tab separated", CSV, Map.of(), bytes("a\tb\n1\tx\n2\ty\n"), null,
                new Rejected(400, "body")));
        cases.add(new MalformedUpload("pipe separated", CSV, Map.of(), bytes("a|b\n1|x\n2|y\n"), null,
                new Rejected(400, "body")));
        cases.add(new MalformedUpload("one honest column", CSV, Map.of(), bytes("value\n1\n2\n"), null, new Accepted()));
        cases.add(new MalformedUpload("empty header name", CSV, Map.of(), bytes(",b\n1,x\n"), null,
                new Rejected(400, "body")));
        cases.add(new MalformedUpload("blank header name", CSV, Map.of(), bytes("a,  \n1,x\n"), null,
                new Rejected(400, "body")));
        cases.add(new MalformedUpload("duplicate header names", CSV, Map.of(), bytes("a,a\n1,2\n"), null,
                new Rejected(400, "body")));
        cases.add(new MalformedUpload("nul in header", CSV, Map.of(), bytes("a\u0000,b\n1,x\n"), null,
                new Rejected(400, "body")));
        cases.add(new MalformedUpload("header names differ from declared schema", CSV, Map.of(), bytes("x,y\n1,a\n"),
                NUMERIC_SCHEMA, new Rejected(400, "header")));
    }

    private static void raggedRows(List<MalformedUpload> cases) {
        String[] ragged = {"a,b\n1,x\n2,y,extra\n", "a,b\n1,x\n2\n", "a,b\n1,x\n2,y,,,,\n", "a,b\n1,x,\n2,y\n",
                "a,b,c\n1,2,3\n4,5\n6\n"};
        for (int i = 0; i < ragged.length; i++) {
            cases.add(new MalformedUpload("ragged rows " + i, CSV, Map.of(), bytes(ragged[i]), null,
                    new Quarantined("ragged_row")));
        }
        cases.add(new MalformedUpload("row of empty fields", CSV, Map.of(), bytes("a,b\n1,x\n,\n"), null,
                new Quarantined("empty_row")));
        // Missing features are data, kept for the model's pipeline to impute.
        cases.add(new MalformedUpload("missing values and placeholders", CSV, Map.of(),
                bytes("a,b\n1,x\nNA,y\n3,.\nnull,z\n"), null, new Accepted()));
    }

    private static void quoting(List<MalformedUpload> cases) {
        cases.add(new MalformedUpload("unclosed quote", CSV, Map.of(), bytes("a,b\n1,\"x\n2,y\n"), null,
                new Rejected(400, "body")));
        cases.add(new MalformedUpload("quote inside unquoted field", CSV, Map.of(), bytes("a,b\n1,x\"y\n2,z\n"), null,
                new Handled()));
        cases.add(new MalformedUpload("text after closing quote", CSV, Map.of(), bytes("a,b\n1,\"x\"y\n2,z\n"), null,
                new Handled()));
        cases.add(new MalformedUpload("quoted newline and escaped quotes", CSV, Map.of(),
                bytes("a,b\n1,\"multi\nline \"\"quoted\"\"\"\n2,z\n"), null, new Accepted()));
        cases.add(new MalformedUpload("carriage returns only", CSV, Map.of(), bytes("a,b\r1,x\r2,y\r"), null,
                new Accepted()));
    }

    private static void hugeInputs(List<MalformedUpload> cases) {
        cases.add(new MalformedUpload("csv one field of 20 million characters", CSV, Map.of(),
                bytes("a,b\n1," + "x".repeat(20_000_000) + "\n"), null, new Rejected(400, "body")));
        cases.add(new MalformedUpload("csv field of 1 MB", CSV, Map.of(), bytes("a,b\n1," + "x".repeat(1_000_000)
                + "\n2,y\n"), null, new Handled()));
        cases.add(new MalformedUpload("json nested 5000 deep", JSON, Map.of(),
                bytes("[{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}]"), null, new Rejected(400, "body")));
        cases.add(new MalformedUpload("json number of 5000 digits", JSON, Map.of(),
                bytes("[{\"a\":" + "9".repeat(5000) + "}]"), null, new Rejected(400, "body")));
        cases.add(new MalformedUpload("ndjson line of 20 million characters", NDJSON, Map.of(),
                bytes("{\"a\":1}\n{\"a\":\"" + "x".repeat(20_000_000) + "\"}\n"), null, new Rejected(400, "body")));
        cases.add(new MalformedUpload("header of 10000 columns", CSV, Map.of(),
                bytes(columns(10_000) + "\n" + ",1".repeat(9_999).replaceFirst(",", "1,") + "\n"), null,
                new Rejected(400, "header")));
        cases.add(new MalformedUpload("header of 1000 columns", CSV, Map.of(),
                bytes(columns(1_000) + "\n" + ",1".repeat(999).replaceFirst(",", "1,") + "\n"), null, new Accepted()));
        cases.add(new MalformedUpload("1000 columns of 100 long categories, a schema too large for its event", CSV,
                Map.of(), bytes(wideCategories(1_000, 100)), null, new Rejected(413, "body")));
    }

    private static void mixedTypes(List<MalformedUpload> cases) {
        cases.add(new MalformedUpload("declared numeric gets NaN, a missing-value marker", CSV, Map.of(),
                bytes("a,b\n1,x\nNaN,y\n"), NUMERIC_SCHEMA, new Accepted()));
        String[] notNumbers = {"abc", "Infinity", "-Infinity", "1,5", "0x1F", "1_000", "12abc", "--1", "1e"};
        for (String value : notNumbers) {
            String csv = "a,b\n1,x\n\"" + value + "\",y\n";
            cases.add(new MalformedUpload("declared numeric gets " + value, CSV, Map.of(), bytes(csv), NUMERIC_SCHEMA,
                    new Quarantined("not_a_number")));
        }
        cases.add(new MalformedUpload("inferred mixed column", CSV, Map.of(), bytes("a,b\n1,x\nabc,y\n2.5,z\n"), null,
                new Accepted()));
        cases.add(new MalformedUpload("declared numeric gets exponent and spaces", CSV, Map.of(),
                bytes("a,b\n1e3,x\n\" 42 \",y\n"), NUMERIC_SCHEMA, new Accepted()));
    }

    private static void jsonRows(List<MalformedUpload> cases) {
        cases.add(new MalformedUpload("json truncated", JSON, Map.of(), bytes("[{\"a\":1},{\"a\":"), null,
                new Rejected(400, "body")));
        cases.add(new MalformedUpload("json unterminated string", JSON, Map.of(), bytes("[{\"a\":\"x}]"), null,
                new Rejected(400, "body")));
        cases.add(new MalformedUpload("json comments", JSON, Map.of(), bytes("[// rows\n{\"a\":1}]"), null,
                new Rejected(400, "body")));
        cases.add(new MalformedUpload("json single quotes", JSON, Map.of(), bytes("[{'a':1}]"), null,
                new Rejected(400, "body")));
        cases.add(new MalformedUpload("json NaN literal", JSON, Map.of(), bytes("[{\"a\":NaN}]"), null,
                new Rejected(400, "body")));
        cases.add(new MalformedUpload("json missing comma", JSON, Map.of(), bytes("[{\"a\":1} {\"a\":2}]"), null,
                new Rejected(400, "body")));
        cases.add(new MalformedUpload("json array with a number element", JSON, Map.of(),
                bytes("[{\"a\":1,\"b\":\"x\"},2,{\"a\":3,\"b\":\"y\"}]"), null, new Quarantined("unreadable_record")));
        cases.add(new MalformedUpload("json keys differ per row", JSON, Map.of(),
                bytes("[{\"a\":1,\"b\":\"x\"},{\"a\":2},{\"b\":\"z\"}]"), null, new Accepted()));
        cases.add(new MalformedUpload("json nested object values", JSON, Map.of(),
                bytes("[{\"a\":1,\"b\":{\"c\":[1,2]}},{\"a\":2,\"b\":{\"c\":[]}}]"), null, new Handled()));
        cases.add(new MalformedUpload("ndjson bad line in the middle", NDJSON, Map.of(),
                bytes("{\"a\":1,\"b\":\"x\"}\n{\"a\":2,\"b\":\n{\"a\":3,\"b\":\"z\"}\n"), null,
                new Quarantined("unreadable_record")));
        cases.add(new MalformedUpload("ndjson array line", NDJSON, Map.of(),
                bytes("{\"a\":1,\"b\":\"x\"}\n[1,2]\n{\"a\":3,\"b\":\"z\"}\n"), null,
                new Quarantined("unreadable_record")));
        cases.add(new MalformedUpload("ndjson crlf and blank lines", NDJSON, Map.of(),
                bytes("{\"a\":1,\"b\":\"x\"}\r\n\r\n{\"a\":3,\"b\":\"z\"}\r\n"), null, new Accepted()));
        cases.add(new MalformedUpload("json array sent as ndjson", NDJSON, Map.of(),
                bytes("[{\"a\":1},\n{\"a\":2}]\n"), null, new Rejected(400, "body")));
        cases.add(new MalformedUpload("ndjson line with a key the declared schema lacks", NDJSON, Map.of(),
                bytes("{\"a\":1,\"b\":\"x\"}\n{\"a\":2,\"b\":\"y\",\"c\":3}\n{\"b\":\"z\",\"a\":3}\n"), NUMERIC_SCHEMA,
                new Quarantined("unknown_field")));
        cases.add(new MalformedUpload("json object with a key the declared schema lacks", JSON, Map.of(),
                bytes("[{\"a\":1,\"b\":\"x\"},{\"a\":2,\"extra\":true}]"), NUMERIC_SCHEMA,
                new Quarantined("unknown_field")));
    }

    private static void compression(List<MalformedUpload> cases) {
        Map<String, String> gzip = Map.of("Content-Encoding", "gzip");
        cases.add(new MalformedUpload("declared gzip but plain", CSV, gzip, bytes(GOOD_CSV), null,
                new Rejected(400, "body")));
        byte[] compressed = gzip(bytes(GOOD_CSV));
        cases.add(new MalformedUpload("truncated gzip", CSV, gzip, java.util.Arrays.copyOf(compressed,
                compressed.length / 2), null, new Rejected(400, "body")));
        cases.add(new MalformedUpload("gzip of invalid utf-8", CSV, gzip,
                gzip(concat(bytes("a,b\n1,"), new byte[] {(byte) 0xFF}, bytes("\n"))), null, new Rejected(400, "body")));
        cases.add(new MalformedUpload("gzip of nothing", CSV, gzip, gzip(new byte[0]), null, new Rejected(400, "body")));
        for (String encoding : new String[] {"br", "deflate", "compress", "zstd"}) {
            cases.add(new MalformedUpload("content encoding " + encoding, CSV, Map.of("Content-Encoding", encoding),
                    bytes(GOOD_CSV), null, new Rejected(415, "Content-Encoding")));
        }
        cases.add(new MalformedUpload("gzip done right", CSV, gzip, compressed, null, new Accepted()));
    }

    private static void binaryJunk(List<MalformedUpload> cases) {
        Random random = new Random(20261123);
        for (int size : new int[] {16, 1024, 65_536}) {
            for (String type : new String[] {CSV, JSON, NDJSON}) {
                byte[] junk = new byte[size];
                random.nextBytes(junk);
                junk[0] = (byte) 0xFE;
                cases.add(new MalformedUpload(type + " " + size + " random bytes", type, Map.of(), junk, null,
                        new Rejected(400, "body")));
            }
        }
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, (byte) 0xB7, (byte) 0xAC};
        byte[] elf = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0};
        byte[] pdf = bytes("%PDF-1.7\n%\u00E2\u00E3\u00CF\u00D3\n1 0 obj\n");
        cases.add(new MalformedUpload("png sent as csv", CSV, Map.of(), png, null, new Rejected(400, "body")));
        cases.add(new MalformedUpload("zip sent as csv", CSV, Map.of(), zip, null, new Rejected(400, "body")));
        cases.add(new MalformedUpload("elf sent as ndjson", NDJSON, Map.of(), elf, null, new Rejected(400, "body")));
        cases.add(new MalformedUpload("pdf sent as json", JSON, Map.of(), pdf, null, new Rejected(400, "body")));
    }

    /** {@code rows} rows of {@code count} columns, each with as many distinct categories as rows. */
    private static String wideCategories(int count, int rows) {
        StringBuilder csv = new StringBuilder(columns(count)).append('\n');
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < count; column++) {
                csv.append(column == 0 ? "" : ",").append("a-rather-long-category-").append(row);
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static String columns(int count) {
        StringBuilder header = new StringBuilder("c0");
        for (int i = 1; i < count; i++) {
            header.append(",c").append(i);
        }
        return header.toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
