package io.modelway.dashboard.accuracy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelway.core.events.EventMessages;
import io.modelway.core.events.FeedbackReceived;
import io.modelway.core.events.LabelledPrediction;
import io.modelway.core.events.PredictionLogged;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * How each served version does in production: ground truth from {@code modelway.feedback} joined by request id
 * to the prediction logged on {@code modelway.predictions}, whichever arrives first. A classifier's share of
 * correct labels is exported as {@code modelway_live_accuracy{model,version}}, a regressor's error as
 * {@code modelway_live_rmse{model,version}}. Only single-instance predictions are joined: a batch's feedback
 * cannot say which instance it is about. Each join is published first, as a {@link LabelledPrediction} on
 * {@code modelway.ground-truth} with the input the version saw: training-service turns ground truth into training
 * data on the model's feedback policy.
 */
@Component
public class LiveAccuracy {

    static final String BINDING = "groundTruth-out-0";
    private static final int REMEMBERED = 100_000;

    /** Feedback joined so far for one model version. */
    public record VersionScore(String model, int version, long feedback, long correct, Double accuracy, Double rmse) {
    }

    private record Predicted(String model, int version, Object label, Double value, Map<String, Object> input,
            Instant predictedAt) {
    }

    private record Truth(Object label, Instant labelledAt) {
    }

    /** A prediction and its truth, met: published as ground truth, then scored. */
    private record Joined(String requestId, Predicted predicted, Truth truth) {
    }

    private static final class Score {
        long feedback;
        long correct;
        long regressions;
        double squaredError;
        final double[] accuracy = {Double.NaN};
        final double[] rmse = {Double.NaN};
    }

    private final MeterRegistry meters;
    private final StreamBridge bridge;
    private final Map<String, Predicted> predictions = bounded();
    private final Map<String, Truth> waiting = bounded();
    private final Map<UUID, Boolean> seen = bounded();
    private final Map<String, Score> scores = new TreeMap<>();

    LiveAccuracy(MeterRegistry meters, StreamBridge bridge) {
        this.meters = meters;
        this.bridge = bridge;
    }

    private static <K, V> Map<K, V> bounded() {
        return new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > REMEMBERED;
            }
        };
    }

    @Bean
    Consumer<Message<byte[]>> feedbackEvents() {
        return message -> {
            if (EventMessages.read(message) instanceof FeedbackReceived feedback) {
                feedback(feedback);
            }
        };
    }

    /**
     * A logged prediction, from the drift monitor's reading of {@code modelway.predictions}. Throws when the
     * ground truth it completes cannot be published; nothing of it is kept then, and its redelivery joins again.
     */
    public void prediction(PredictionLogged prediction) {
        if (PredictionLogged.SHADOW.equals(prediction.role()) || prediction.outputs().size() != 1
                || prediction.inputs().size() != 1) {
            return;
        }
        Map<String, Object> output = prediction.outputs().get(0);
        Predicted predicted = new Predicted(prediction.model(), prediction.version(), output.get("label"),
                output.get("value") instanceof Number n ? n.doubleValue() : null, prediction.inputs().get(0),
                prediction.occurredAt());
        Joined joined;
        synchronized (this) {
            Truth truth = waiting.remove(prediction.requestId());
            if (truth == null) {
                predictions.put(prediction.requestId(), predicted);
                return;
            }
            joined = new Joined(prediction.requestId(), predicted, truth);
        }
        try {
            publish(joined);
        } catch (RuntimeException e) {
            synchronized (this) {
                waiting.put(joined.requestId(), joined.truth());
            }
            throw e;
        }
        score(joined);
    }

    void feedback(FeedbackReceived feedback) {
        Joined joined;
        synchronized (this) {
            if (seen.containsKey(feedback.eventId())) {
                return;
            }
            Truth truth = new Truth(feedback.trueLabel(), feedback.occurredAt());
            Predicted predicted = predictions.remove(feedback.requestId());
            seen.put(feedback.eventId(), Boolean.TRUE);
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
                seen.remove(feedback.eventId());
                predictions.put(joined.requestId(), joined.predicted());
            }
            throw e;
        }
        score(joined);
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

    public synchronized List<VersionScore> scores(String model) {
        return scores.entrySet().stream().filter(e -> e.getKey().startsWith(model + "/"))
                .map(e -> {
                    Score s = e.getValue();
                    int version = Integer.parseInt(e.getKey().substring(model.length() + 1));
                    return new VersionScore(model, version, s.feedback, s.correct,
                            Double.isNaN(s.accuracy[0]) ? null : s.accuracy[0], Double.isNaN(s.rmse[0]) ? null : s.rmse[0]);
                }).toList();
    }

    private synchronized void score(Joined joined) {
        Predicted predicted = joined.predicted();
        Object truth = joined.truth().label();
        Score score = scores.computeIfAbsent(predicted.model() + "/" + predicted.version(), key -> register(predicted));
        score.feedback++;
        if (predicted.value() == null && predicted.label() == null) {
            // An anomaly model's score has no threshold here to call it right or wrong: counted, not scored.
            return;
        }
        if (predicted.value() != null && truth instanceof Number actual) {
            double error = predicted.value() - actual.doubleValue();
            score.regressions++;
            score.squaredError += error * error;
            score.rmse[0] = Math.sqrt(score.squaredError / score.regressions);
        } else {
            score.correct += Objects.equals(String.valueOf(predicted.label()), String.valueOf(truth)) ? 1 : 0;
            score.accuracy[0] = (double) score.correct / score.feedback;
        }
    }

    private Score register(Predicted predicted) {
        Score score = new Score();
        String version = Integer.toString(predicted.version());
        Gauge.builder("modelway_live_accuracy", score.accuracy, a -> a[0]).tag("model", predicted.model())
                .tag("version", version).description("Share of correct labels among predictions with feedback")
                .register(meters);
        Gauge.builder("modelway_live_rmse", score.rmse, r -> r[0]).tag("model", predicted.model())
                .tag("version", version).description("Root mean squared error of predictions with feedback")
                .register(meters);
        return score;
    }
}
