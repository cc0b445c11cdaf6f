package io.modelway.serving.predict;

import io.modelway.serving.models.LoadedModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which model and version answered the most recent requests (the last 100,000 here), so feedback can be
 * checked against the model's classes and keyed by model without the client repeating it.
 */
@Component
public class RecentPredictions {

    private static final int CAPACITY = 100_000;

    /** What feedback needs to know about the version that answered. */
    public record Answer(String model, int version, String type, List<String> classes) {
    }

    private final Map<String, Answer> answers = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
            return size() > CAPACITY;
        }
    };

    void remember(String requestId, LoadedModel model) {
        Answer answer = new Answer(model.model(), model.version(), model.type(), model.pipeline().label().classes());
        synchronized (answers) {
            answers.put(requestId, answer);
        }
    }

    public Optional<Answer> find(String requestId) {
        synchronized (answers) {
            return Optional.ofNullable(answers.get(requestId));
        }
    }
}
