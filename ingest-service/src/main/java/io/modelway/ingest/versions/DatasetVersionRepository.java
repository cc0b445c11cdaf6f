package io.modelway.ingest.versions;

import io.modelway.core.api.ingest.DatasetVersion;
import io.modelway.core.json.ModelwayJson;
import io.modelway.ingest.uploads.UploadProgress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

@Repository
public class DatasetVersionRepository {

    private static final TypeReference<Map<String, DatasetVersion.ObjectRef>> OBJECTS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Long>> REASONS = new TypeReference<>() {
    };

    private static final TypeReference<Map<String, Map<String, Long>>> REPORT = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> SOURCE = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    DatasetVersionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Reserves the next version number of a dataset; the dataset row lock orders concurrent uploads. */
    public int reserve(String dataset, UUID uploadId, String contentType, String sourceSha256, String actor) {
        jdbc.sql("insert into datasets (name) values (:name) on conflict do nothing").param("name", dataset).update();
        jdbc.sql("select name from datasets where name = :name for update").param("name", dataset).query().singleRow();
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from dataset_versions where dataset = :name")
                .param("name", dataset).query(Integer.class).single();
        jdbc.sql("""
                insert into dataset_versions (dataset, version, status, upload_id, content_type, source_sha256,
                  created_by)
                values (:dataset, :version, 'PENDING', :upload, :type, :sha, :who)""")
                .param("dataset", dataset).param("version", version).param("upload", uploadId)
                .param("type", contentType).param("sha", sourceSha256).param("who", actor).update();
        return version;
    }

    public void publish(DatasetVersion v) {
        jdbc.sql("""
                update dataset_versions set status = 'PUBLISHED', data_sha256 = :data, rows_received = :received,
                  rows_clean = :clean, rows_quarantined = :quarantined, quarantine_reasons = :reasons::jsonb,
                  objects = :objects::jsonb, column_report = :report::jsonb, source = :source::jsonb,
                  published_at = now()
                where dataset = :dataset and version = :version""")
                .param("data", v.dataSha256()).param("received", v.rowsReceived()).param("clean", v.rowsClean())
                .param("quarantined", v.rowsQuarantined())
                .param("reasons", ModelwayJson.toText(v.quarantineReasons()))
                .param("objects", ModelwayJson.toText(v.objects()))
                .param("report", ModelwayJson.toText(v.columnReport()))
                .param("source", v.source() == null ? null : ModelwayJson.toText(v.source()))
                .param("dataset", v.dataset()).param("version", v.version()).update();
    }

    /** Marks a version FAILED with the rows read before the failure, each counted clean or quarantined. */
    /** Gives up a reservation that was never published: the number is free for the next upload. */
    public void release(String dataset, int version) {
        jdbc.sql("delete from dataset_versions where dataset = :dataset and version = :version and status = 'PENDING'")
                .param("dataset", dataset).param("version", version).update();
    }

    public void fail(String dataset, int version, UploadProgress.Counts counts, String error) {
        jdbc.sql("""
                update dataset_versions set status = 'FAILED', rows_received = :received, rows_clean = :clean,
                  rows_quarantined = :quarantined, error = :error
                where dataset = :dataset and version = :version""")
                .param("received", counts.received()).param("clean", counts.clean())
                .param("quarantined", counts.quarantined()).param("error", error)
                .param("dataset", dataset).param("version", version).update();
    }

    /** The published version made from the same source bytes, if there is one. */
    public Optional<DatasetVersion> findPublishedBySource(String dataset, String sourceSha256) {
        return jdbc.sql("select * from dataset_versions where dataset = :d and source_sha256 = :s and status = 'PUBLISHED'")
                .param("d", dataset).param("s", sourceSha256).query(DatasetVersionRepository::map).optional();
    }

    /** The published version that labelled rows with this digest made, if there is one, whatever its base. */
    public Optional<DatasetVersion> findPublishedByLabelledRows(String dataset, String rowsSha256) {
        return jdbc.sql("""
                select * from dataset_versions where dataset = :d and status = 'PUBLISHED'
                  and source ->> 'rowsSha256' = :s order by version limit 1""")
                .param("d", dataset).param("s", rowsSha256).query(DatasetVersionRepository::map).optional();
    }

    public Optional<DatasetVersion> find(String dataset, int version) {
        return jdbc.sql("select * from dataset_versions where dataset = :d and version = :v")
                .param("d", dataset).param("v", version).query(DatasetVersionRepository::map).optional();
    }

    public Optional<DatasetVersion> latestPublished(String dataset) {
        return jdbc.sql("""
                select * from dataset_versions where dataset = :d and status = 'PUBLISHED'
                order by version desc limit 1""")
                .param("d", dataset).query(DatasetVersionRepository::map).optional();
    }

    public List<DatasetVersion> list(String dataset) {
        return jdbc.sql("select * from dataset_versions where dataset = :d order by version")
                .param("d", dataset).query(DatasetVersionRepository::map).list();
    }

    public boolean datasetExists(String dataset) {
        return jdbc.sql("select count(*) from datasets where name = :d").param("d", dataset).query(Long.class).single() > 0;
    }

    public List<DatasetSummary> datasets() {
        return jdbc.sql("""
                select d.name, d.created_at, count(v.version) filter (where v.status = 'PUBLISHED') as versions,
                       max(v.version) filter (where v.status = 'PUBLISHED') as latest
                from datasets d left join dataset_versions v on v.dataset = d.name
                group by d.name, d.created_at order by d.name""")
                .query((rs, n) -> new DatasetSummary(rs.getString("name"), rs.getInt("versions"),
                        (Integer) rs.getObject("latest"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    private static DatasetVersion map(ResultSet rs, int rowNum) throws SQLException {
        return new DatasetVersion(rs.getString("dataset"), rs.getInt("version"), rs.getString("status"),
                rs.getObject("upload_id", UUID.class), rs.getString("content_type"), rs.getString("source_sha256"),
                rs.getString("data_sha256"), rs.getLong("rows_received"), rs.getLong("rows_clean"),
                rs.getLong("rows_quarantined"), ModelwayJson.mapper().readValue(rs.getString("quarantine_reasons"), REASONS),
                ModelwayJson.mapper().readValue(rs.getString("objects"), OBJECTS), rs.getString("error"),
                rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("published_at")),
                ModelwayJson.mapper().readValue(rs.getString("column_report"), REPORT), rs.getString("created_by"),
                rs.getString("source") == null ? null : ModelwayJson.mapper().readValue(rs.getString("source"), SOURCE));
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
