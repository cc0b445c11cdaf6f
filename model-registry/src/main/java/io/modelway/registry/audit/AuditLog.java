package io.modelway.registry.audit;

import io.modelway.core.json.ModelwayJson;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

/** Who changed what in the registry, and when; append-only. */
@Component
public class AuditLog {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String model, String action, String actor, Map<String, Object> detail) {
        jdbc.sql("insert into audit_log (model, action, actor, detail) values (:m, :a, :who, :d::jsonb)")
                .param("m", model).param("a", action).param("who", actor).param("d", ModelwayJson.toText(detail))
                .update();
    }

    public long count(String model, String action) {
        return jdbc.sql("select count(*) from audit_log where model = :m and (cast(:a as text) is null or action = :a)")
                .param("m", model).param("a", action).query(Long.class).single();
    }

    public List<AuditEntry> entries(String model, String action, int limit, int offset) {
        return jdbc.sql("""
                select id, model, action, actor, detail, at from audit_log
                where model = :m and (cast(:a as text) is null or action = :a) order by id desc limit :l offset :o""")
                .param("m", model).param("a", action).param("l", limit).param("o", offset)
                .query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getString("model"), rs.getString("action"),
                        rs.getString("actor"), ModelwayJson.mapper().readValue(rs.getString("detail"), MAP),
                        rs.getTimestamp("at").toInstant()))
                .list();
    }
}
