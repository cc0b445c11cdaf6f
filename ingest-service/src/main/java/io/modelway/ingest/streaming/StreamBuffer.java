package io.modelway.ingest.streaming;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The records of each dataset's open window, in the database so that none is lost with a restart. */
@Repository
class StreamBuffer {

    private final JdbcClient jdbc;

    StreamBuffer(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a record once per (partition, offset); false when it was stored before (a redelivery). */
    boolean append(String dataset, int partition, long offset, String payload) {
        jdbc.sql("insert into stream_windows (dataset) values (:d) on conflict do nothing").param("d", dataset).update();
        return jdbc.sql("""
                insert into stream_records (dataset, kafka_partition, kafka_offset, payload)
                values (:d, :p, :o, :payload) on conflict (kafka_partition, kafka_offset) do nothing""")
                .param("d", dataset).param("p", partition).param("o", offset).param("payload", payload)
                .update() == 1;
    }

    /** Datasets whose window is due: enough records, or the oldest is old enough; and nobody is closing it. */
    List<String> due(int rows, Duration age) {
        return jdbc.sql("""
                select w.dataset from stream_windows w
                where (w.closing_until is null or w.closing_until < now())
                  and exists (select 1 from stream_records r where r.dataset = w.dataset and not r.closed)
                  and ((select count(*) from stream_records r where r.dataset = w.dataset and not r.closed) >= :rows
                       or (select min(received_at) from stream_records r where r.dataset = w.dataset and not r.closed)
                          <= now() - make_interval(secs => :age))""")
                .param("rows", rows).param("age", age.toMillis() / 1000.0).query(String.class).list();
    }

    /** Takes the lease on closing a dataset's window; false when another replica holds it. */
    boolean lease(String dataset, Duration lease) {
        return jdbc.sql("""
                update stream_windows set closing_until = now() + make_interval(secs => :lease)
                where dataset = :d and (closing_until is null or closing_until < now())""")
                .param("d", dataset).param("lease", lease.toSeconds()).update() == 1;
    }

    void release(String dataset) {
        jdbc.sql("update stream_windows set closing_until = null where dataset = :d").param("d", dataset).update();
    }

    /** Writes the first {@code limit} records of the window as NDJSON; returns the id of the last one written. */
    OptionalLong write(String dataset, int limit, Writer out) {
        long[] last = {-1};
        jdbc.sql("select id, payload from stream_records where dataset = :d and not closed order by id limit :n")
                .param("d", dataset).param("n", limit)
                .query((RowCallbackHandler) rs -> {
                    try {
                        out.write(rs.getString("payload"));
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    last[0] = rs.getLong("id");
                });
        return last[0] < 0 ? OptionalLong.empty() : OptionalLong.of(last[0]);
    }

    /** Forgets closed records older than {@code age}: a redelivery that late is not expected. */
    int prune(Duration age) {
        return jdbc.sql("delete from stream_records where closed and received_at < now() - make_interval(secs => :age)")
                .param("age", age.toSeconds()).update();
    }

    /** Empties a window whose records cannot become a version. */
    void closeAll(String dataset) {
        closeThrough(dataset, Long.MAX_VALUE);
    }

    /** Closes the records that went into a version (call in the transaction that publishes it). */
    void closeThrough(String dataset, long throughId) {
        jdbc.sql("update stream_records set closed = true where dataset = :d and id <= :id and not closed")
                .param("d", dataset).param("id", throughId).update();
        jdbc.sql("update stream_windows set opened_at = now(), closing_until = null where dataset = :d")
                .param("d", dataset).update();
    }
}
