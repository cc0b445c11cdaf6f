package io.modelway.registry.tags;

import io.modelway.core.events.ModelTagChanged;
import io.modelway.core.outbox.Outbox;
import io.modelway.core.web.ApiException;
import io.modelway.registry.audit.AuditLog;
import io.modelway.registry.models.ModelRepository;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sets and removes tags on models and versions. Versions are immutable, their tags are not: a tag records what
 * people learn about a version later (validated, ticket, owner). Every change is audited and announced as
 * {@link ModelTagChanged}.
 */
@Service
public class ModelTags {

    static final String BINDING = "models-out-0";

    private final JdbcClient jdbc;
    private final ModelRepository models;
    private final AuditLog audit;
    private final Outbox outbox;

    ModelTags(JdbcClient jdbc, ModelRepository models, AuditLog audit, Outbox outbox) {
        this.jdbc = jdbc;
        this.models = models;
        this.audit = audit;
        this.outbox = outbox;
    }

    /** Sets a tag on the model ({@code version} null) or on one version; returns the tags after the change. */
    @Transactional
    public Map<String, String> set(String model, Integer version, String tag, String value, String actor) {
        TagRules.check("tag", tag, value);
        requireTarget(model, version);
        TagRules.checkServing("tag", "value", tag, value, version != null, models.aliases(model));
        String previous = current(model, version).get(tag);
        if (value.equals(previous)) {
            return current(model, version);
        }
        if (version == null) {
            jdbc.sql("""
                    insert into model_tags (model, tag, value, updated_by) values (:m, :t, :v, :who)
                    on conflict (model, tag) do update set value = :v, updated_at = now(), updated_by = :who""")
                    .param("m", model).param("t", tag).param("v", value).param("who", actor).update();
        } else {
            insertVersionTag(model, version, tag, value, actor);
        }
        changed(model, version, tag, value, previous, actor);
        return current(model, version);
    }

    /** Removes a tag; 404 when it is not there. */
    @Transactional
    public void remove(String model, Integer version, String tag, String actor) {
        requireTarget(model, version);
        String previous = current(model, version).get(tag);
        if (previous == null) {
            throw ApiException.notFound(target(model, version) + " has no tag '" + tag + "'");
        }
        if (version == null) {
            jdbc.sql("delete from model_tags where model = :m and tag = :t").param("m", model).param("t", tag).update();
        } else {
            jdbc.sql("delete from version_tags where model = :m and version = :n and tag = :t")
                    .param("m", model).param("n", version).param("t", tag).update();
        }
        changed(model, version, tag, null, previous, actor);
    }

    /** The tags of the model ({@code version} null) or of one version; 404 when that does not exist. */
    public Map<String, String> of(String model, Integer version) {
        requireTarget(model, version);
        return current(model, version);
    }

    private Map<String, String> current(String model, Integer version) {
        return version == null ? models.tags(model) : models.tags(model, version);
    }

    private void insertVersionTag(String model, int version, String tag, String value, String actor) {
        jdbc.sql("""
                insert into version_tags (model, version, tag, value, updated_by) values (:m, :n, :t, :v, :who)
                on conflict (model, version, tag) do update set value = :v, updated_at = now(), updated_by = :who""")
                .param("m", model).param("n", version).param("t", tag).param("v", value).param("who", actor).update();
    }

    private void changed(String model, Integer version, String tag, String value, String previous, String actor) {
        Map<String, Object> detail = new LinkedHashMap<>();
        if (version != null) {
            detail.put("version", version);
        }
        detail.put("tag", tag);
        detail.put("value", value);
        detail.put("previousValue", previous);
        audit.record(model, value == null ? "tag.deleted" : "tag.set", actor, detail);
        outbox.append(BINDING, new ModelTagChanged(UUID.randomUUID(), Instant.now(), model, version, tag, value, actor));
    }

    private void requireTarget(String model, Integer version) {
        boolean exists = version == null ? models.exists(model) : models.find(model, version).isPresent();
        if (!exists) {
            throw ApiException.notFound(target(model, version) + " does not exist");
        }
    }

    private static String target(String model, Integer version) {
        return version == null ? "Model '" + model + "'" : "Version " + version + " of '" + model + "'";
    }
}
