package io.modelway.dashboard.accuracy;

import io.micrometer.core.instrument.MeterRegistry;
import io.modelway.core.events.EventMessages;
import io.modelway.core.events.FeedbackReceived;
import io.modelway.core.events.LabelledPrediction;
import io.modelway.core.events.PredictionLogged;
import io.modelway.core.idempotency.RecentEvents;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.stereotype.Component;

/**
 * How each served version does in production: ground truth from {@code modelway.feedback} joined by request id
 * to the prediction logged on {@code modelway.predictions}, whichever arrives first. A classifier's share of
 * correct labels is exported as {@code modelway_live_accuracy{model,version}}, a regressor's error as
 * {@code modelway_live_rmse{model,version}}. Only single-instance predictions are joined: a batch's feedback
 * cannot say which instance it is about. Each join is published first, as a {@link LabelledPrediction} on
 * {@code modelway.ground-truth} with the input the version saw: training-service turns ground truth into training
 * data on the model's feedback policy.
 *
 * <p>A prediction and its feedback have the same key and so partitions of the same number; the state is kept by
 * that partition, so that each partition's checkpoint holds its own: the feedback still waiting for its prediction,
 * the scores its records completed and which of its predictions were joined. The predictions waiting for feedback
 * (the last {@code join-horizon} of each partition) are not copied there: they are in the topic already, and a
 * partition taken back from its checkpoint reads them again ({@link #rebuilt}). Called on the thread that reads
 * the topics.
 */
@Component
public class LiveAccuracy {

    static final String BINDING = "groundTruth-out-0";
    private static final int REMEMBERED_FEEDBACK = 100_000;
    private static final int WAITING_FEEDBACK = 20_000;
    private static final int WORDS = 10_000;

    /** Feedback joined so far for one model version. */
    public record VersionScore(String model, int version, long feedback, long correct, Double accuracy, Double rmse) {
    }

    /** What a partition's checkpoint holds of the join. */
    public record State(List<Waiting> waiting, List<Long> joined, List<PartScore> scores) {

        public State {
            waiting = waiting == null ? List.of() : List.copyOf(waiting);
            joined = joined == null ? List.of() : List.copyOf(joined);
            scores = scores == null ? List.of() : List.copyOf(scores);
        }
    }

    /** Feedback that came before its prediction. */
    public record Waiting(String requestId, Object label, Instant labelledAt) {
    }

    /** The joins a partition's records completed for one version. */
    public record PartScore(String model, int version, long feedback, long classified, long correct,
            long regressions, double squaredError) {
    }

    private record Predicted(String model, int version, Object label, Double value, Map<String, Object> input,
            Instant predictedAt, int partition, long offset) {
    }

    private record Truth(Object label, Instant labelledAt, int partition) {
    }

    /** A prediction and its truth, met: published as ground truth, then scored. */
    private record Joined(String requestId, Predicted predicted, Truth truth) {
    }

    private final StreamBridge bridge;
    private final int horizon;
    private final Map<Integer, Map<String, Predicted>> predictions = new HashMap<>();
    private final Map<Integer, TreeSet<Long>> joined = new HashMap<>();
    private final Map<String, Truth> waiting = bounded(WAITING_FEEDBACK);
    private final RecentEvents seen = new RecentEvents(REMEMBERED_FEEDBACK);
    private final VersionScores scores;
    private final Map<String, String> words = new HashMap<>();

    LiveAccuracy(MeterRegistry meters, StreamBridge bridge,
            @Value("${modelway.dashboard.monitor.join-horizon:50000}") int horizon) {
        this.scores = new VersionScores(meters);
        this.bridge = bridge;
        this.horizon = horizon <= 0 ? 50_000 : horizon;
    }

    private static <K, V> Map<K, V> bounded(int size) {
        return new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > size;
            }
        };
    }

    /**
     * A logged prediction, read once at {@code offset} of {@code partition}. Throws when the ground truth it
     * completes cannot be published; nothing of it is kept then, and its redelivery joins again.
     */
    public void prediction(int partition, long offset, PredictionLogged prediction) {
        Predicted predicted = predicted(partition, offset, prediction);
        if (predicted != null) {
            join(prediction.requestId(), predicted);
        }
    }

    /**
     * A prediction read again after its partition was taken back from a checkpoint that came after it: it waits for
     * its feedback again, or meets feedback that came since, unless it had its feedback before.
     */
    public void rebuilt(int partition, long offset, PredictionLogged prediction) {
        Predicted predicted = predicted(partition, offset, prediction);
        synchronized (this) {
            TreeSet<Long> done = joined.get(partition);
            if (predicted == null || done != null && done.contains(offset)) {
                return;
            }
        }
        join(prediction.requestId(), predicted);
    }

    private void join(String requestId, Predicted predicted) {
        Joined joined;
        synchronized (this) {
            Truth truth = waiting.remove(requestId);
            if (truth == null) {
                pending(predicted.partition()).put(requestId, predicted);
                return;
            }
            joined(predicted).add(predicted.offset());
            joined = new Joined(requestId, predicted, truth);
        }
        try {
            publish(joined);
        } catch (RuntimeException e) {
            synchronized (this) {
                joined(predicted).remove(predicted.offset());
                waiting.put(requestId, joined.truth());
            }
            throw e;
        }
        score(joined, predicted.partition());
    }

    /** Feedback, read once at {@code offset} of {@code partition}. */
    public void feedback(int partition, long offset, FeedbackReceived feedback) {
        Joined joined;
        synchronized (this) {
            if (!seen.firstTime(feedback.eventId())) {
                return;
            }
            Truth truth = new Truth(feedback.trueLabel(), feedback.occurredAt(), partition);
            Predicted predicted = takePending(partition, feedback.requestId());
            if (predicted == null) {
                waiting.put(feedback.requestId(), truth);
                return;
            }
            joined = new Joined(feedback.requestId(), predicted, truth);
        }
        try {
            publish(joined);
        } catch (RuntimeException e) {
            // Not joined after all: the feedback's redelivery finds the prediction again.
            synchronized (this) {
                seen.forget(feedback.eventId());
                joined(joined.predicted()).remove(joined.predicted().offset());
                pending(joined.predicted().partition()).put(joined.requestId(), joined.predicted());
            }
            throw e;
        }
        score(joined, partition);
    }

    /** The predictions of each partition that wait for their feedback: the join's memory. */
    public int horizon() {
        return horizon;
    }

    /** The offset of the oldest prediction of {@code partition} still waiting for feedback. */
    public synchronized OptionalLong oldestWaitingPrediction(int partition) {
        Map<String, Predicted> pending = predictions.get(partition);
        if (pending == null || pending.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(pending.values().iterator().next().offset());
    }

    /** What {@code partition} holds of the join, for its checkpoint. */
    public synchronized State state(int partition) {
        TreeSet<Long> done = joined.computeIfAbsent(partition, p -> new TreeSet<>());
        OptionalLong oldest = oldestWaitingPrediction(partition);
        // Only joins that a read from the oldest waiting prediction would meet again.
        if (oldest.isEmpty()) {
            done.clear();
        } else {
            done.headSet(oldest.getAsLong()).clear();
        }
        List<Waiting> truths = waiting.entrySet().stream().filter(e -> e.getValue().partition() == partition)
                .map(e -> new Waiting(e.getKey(), e.getValue().label(), e.getValue().labelledAt())).toList();
        return new State(truths, List.copyOf(done), scores.state(partition));
    }

    /** Takes a partition's part of the join back from its checkpoint. */
    public synchronized void restore(int partition, State state) {
        state.waiting().forEach(w -> waiting.put(w.requestId(), new Truth(w.label(), w.labelledAt(), partition)));
        joined.computeIfAbsent(partition, p -> new TreeSet<>()).addAll(state.joined());
        scores.restore(partition, state.scores());
    }

    /** Forgets a partition's part of the join: another replica reads it now. */
    public synchronized void release(int partition) {
        predictions.remove(partition);
        joined.remove(partition);
        waiting.values().removeIf(truth -> truth.partition() == partition);
        scores.release(partition);
    }

    private Predicted predicted(int partition, long offset, PredictionLogged prediction) {
        if (PredictionLogged.SHADOW.equals(prediction.role()) || prediction.outputs().size() != 1
                || prediction.inputs().size() != 1) {
            return null;
        }
        Map<String, Object> output = prediction.outputs().get(0);
        Object label = output.get("label") instanceof String text ? word(text) : output.get("label");
        return new Predicted(word(prediction.model()), prediction.version(), label,
                output.get("value") instanceof Number n ? n.doubleValue() : null, compact(prediction.inputs().get(0)),
                prediction.occurredAt(), partition, offset);
    }

    /**
     * The input as the join keeps it, a third of its parsed size: a flat immutable map, and one copy of each
     * category, label and model name. A feature sent as null is left out, as a missing value is.
     */
    private Map<String, Object> compact(Map<String, Object> input) {
        Map<String, Object> kept = new HashMap<>(input.size() * 2);
        input.forEach((feature, value) -> {
            if (value != null) {
                kept.put(word(feature), value instanceof String text ? word(text) : value);
            }
        });
        return Map.copyOf(kept);
    }

    /** One instance of a string seen before, up to {@value #WORDS} of them; strings past that are kept as they are. */
    private String word(String text) {
        synchronized (words) {
            String known = words.get(text);
            if (known != null) {
                return known;
            }
            if (words.size() < WORDS) {
                words.put(text, text);
            }
            return text;
        }
    }

    private Map<String, Predicted> pending(int partition) {
        return predictions.computeIfAbsent(partition, p -> bounded(horizon));
    }

    private TreeSet<Long> joined(Predicted predicted) {
        return joined.computeIfAbsent(predicted.partition(), p -> new TreeSet<>());
    }

    /** The prediction in the feedback's partition, or, for records keyed before they had the same key, in another. */
    private Predicted takePending(int partition, String requestId) {
        Predicted predicted = pending(partition).remove(requestId);
        if (predicted == null) {
            for (Map<String, Predicted> other : predictions.values()) {
                predicted = other.remove(requestId);
                if (predicted != null) {
                    break;
                }
            }
        }
        if (predicted != null) {
            joined(predicted).add(predicted.offset());
        }
        return predicted;
    }

    /** The join as ground truth for training-service, sent before it counts here: waits for the broker. */
    private void publish(Joined joined) {
        Predicted predicted = joined.predicted();
        Map<String, Object> output = new LinkedHashMap<>();
        if (predicted.label() != null) {
            output.put("label", predicted.label());
        }
        if (predicted.value() != null) {
            output.put("value", predicted.value());
        }
        LabelledPrediction event = new LabelledPrediction(LabelledPrediction.idOf(predicted.model(), joined.requestId()),
                joined.truth().labelledAt() == null ? Instant.now() : joined.truth().labelledAt(), joined.requestId(),
                predicted.model(), predicted.version(), predicted.predictedAt(), predicted.input(), output,
                joined.truth().label());
        if (!bridge.send(BINDING, EventMessages.toMessage(event))) {
            throw new IllegalStateException("ground truth of request " + joined.requestId() + " not sent");
        }
    }

    public List<VersionScore> scores(String model) {
        return scores.of(model);
    }

    /** Counts the join in the scores of the partition whose record completed it. */
    private void score(Joined joined, int partition) {
        Predicted predicted = joined.predicted();
        scores.count(predicted.model(), predicted.version(), partition, predicted.label(), predicted.value(),
                joined.truth().label());
    }
}
