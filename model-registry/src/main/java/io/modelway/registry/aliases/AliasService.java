package io.modelway.registry.aliases;

import io.modelway.core.api.registry.Alias;
import io.modelway.core.events.ModelAliasChanged;
import io.modelway.core.outbox.Outbox;
import io.modelway.core.api.registry.ServingTags;
import io.modelway.core.web.ApiException;
import io.modelway.registry.audit.AuditLog;
import io.modelway.registry.models.ModelRepository;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Moves aliases with optimistic locking; every move is audited and announced as {@link ModelAliasChanged}. */
@Service
public class AliasService {

    static final String BINDING = "models-out-0";

    private final JdbcClient jdbc;
    private final ModelRepository models;
    private final AuditLog audit;
    private final Outbox outbox;

    AliasService(JdbcClient jdbc, ModelRepository models, AuditLog audit, Outbox outbox) {
        this.jdbc = jdbc;
        this.models = models;
        this.audit = audit;
        this.outbox = outbox;
    }

    public Optional<Alias> find(String model, String alias) {
        return jdbc.sql("select * from aliases where model = :m and alias = :a").param("m", model).param("a", alias)
                .query((rs, n) -> new Alias(rs.getString("model"), rs.getString("alias"), rs.getInt("version"),
                        rs.getLong("revision"), rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by")))
                .optional();
    }

    @Transactional
    public Alias move(String model, String alias, int version, Long expectedRevision, String actor) {
        return move(model, alias, version, expectedRevision, actor, null);
    }

    @Transactional
    public Alias move(String model, String alias, int version, Long expectedRevision, String actor, String reason) {
        if (models.find(model, version).isEmpty()) {
            throw ApiException.notFound("Model '" + model + "' has no version " + version);
        }
        Optional<Alias> current = find(model, alias);
        long revision = expectedRevision != null ? expectedRevision : current.map(Alias::revision).orElse(0L);
        int changed;
        if (current.isEmpty() && revision == 0) {
            changed = jdbc.sql("""
                    insert into aliases (model, alias, version, revision, updated_by) values (:m, :a, :v, 1, :who)
                    on conflict do nothing""")
                    .param("m", model).param("a", alias).param("v", version).param("who", actor).update();
        } else {
            changed = jdbc.sql("""
                    update aliases set version = :v, revision = revision + 1, updated_at = now(), updated_by = :who
                    where model = :m and alias = :a and revision = :r""")
                    .param("m", model).param("a", alias).param("v", version).param("who", actor).param("r", revision)
                    .update();
        }
        if (changed == 0) {
            throw ApiException.conflict("Alias '" + alias + "' of '" + model + "' was moved concurrently (expected revision "
                    + revision + "); read it again and retry");
        }
        Integer previous = current.map(Alias::version).orElse(null);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("alias", alias);
        detail.put("version", version);
        detail.put("previousVersion", previous);
        if (reason != null) {
            detail.put("reason", reason);
        }
        audit.record(model, "alias.moved", actor, detail);
        Alias moved = find(model, alias).orElseThrow();
        history(model, alias, version, previous, moved.revision(), reason, actor);
        outbox.append(BINDING, new ModelAliasChanged(UUID.randomUUID(), Instant.now(), model, alias, version, previous,
                actor));
        return moved;
    }

    /**
     * Moves the alias back to the version it held before its last move, in one call; a second rollback
     * undoes the first. 409 when the alias has no earlier version.
     */
    @Transactional
    public Alias rollback(String model, String alias, String actor) {
        Alias current = find(model, alias).orElseThrow(
                () -> ApiException.notFound("Model '" + model + "' has no alias '" + alias + "'"));
        AliasMove last = history(model, alias, 1, 0).stream().findFirst().orElse(null);
        if (last == null || last.previousVersion() == null) {
            throw ApiException.conflict("Alias '" + alias + "' of '" + model + "' has no previous version to roll back to");
        }
        return move(model, alias, last.previousVersion(), current.revision(), actor,
                "rollback from version " + current.version());
    }

    /** The alias's moves, newest first. */
    public List<AliasMove> history(String model, String alias, int limit, int offset) {
        return jdbc.sql("""
                select * from alias_history where model = :m and alias = :a order by id desc limit :l offset :o""")
                .param("m", model).param("a", alias).param("l", limit).param("o", offset)
                .query((rs, n) -> new AliasMove(rs.getLong("id"), rs.getString("model"), rs.getString("alias"),
                        (Integer) rs.getObject("version"), (Integer) rs.getObject("previous_version"),
                        rs.getLong("revision"), rs.getString("reason"), rs.getString("changed_by"),
                        rs.getTimestamp("changed_at").toInstant()))
                .list();
    }

    public long historySize(String model, String alias) {
        return jdbc.sql("select count(*) from alias_history where model = :m and alias = :a")
                .param("m", model).param("a", alias).query(Long.class).single();
    }

    private void history(String model, String alias, Integer version, Integer previous, long revision, String reason,
            String actor) {
        jdbc.sql("""
                insert into alias_history (model, alias, version, previous_version, revision, reason, changed_by)
                values (:m, :a, :v, :p, :r, :why, :who)""")
                .param("m", model).param("a", alias).param("v", version).param("p", previous).param("r", revision)
                .param("why", reason).param("who", actor).update();
    }

    @Transactional
    public void delete(String model, String alias, String actor) {
        Alias current = find(model, alias).orElseThrow(
                () -> ApiException.notFound("Model '" + model + "' has no alias '" + alias + "'"));
        Map<String, String> tags = models.tags(model);
        for (String tag : List.of(ServingTags.CANARY, ServingTags.SHADOW)) {
            String value = tags.get(tag);
            String named = tag.equals(ServingTags.CANARY)
                    ? ServingTags.canary(value).map(ServingTags.Canary::alias).orElse(null)
                    : value == null ? null : value.strip();
            if (alias.equals(named)) {
                throw ApiException.conflict("Alias '" + alias + "' is used by the tag " + tag + "=" + value
                        + "; remove the tag first");
            }
        }
        jdbc.sql("delete from aliases where model = :m and alias = :a").param("m", model).param("a", alias).update();
        history(model, alias, null, current.version(), current.revision() + 1, "deleted", actor);
        audit.record(model, "alias.deleted", actor, Map.of("alias", alias, "previousVersion", current.version()));
        outbox.append(BINDING, new ModelAliasChanged(UUID.randomUUID(), Instant.now(), model, alias, null,
                current.version(), actor));
    }
}
