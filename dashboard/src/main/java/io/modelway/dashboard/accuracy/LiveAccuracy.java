package io.modelway.dashboard.accuracy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelway.core.events.EventMessages;
import io.modelway.core.events.FeedbackReceived;
import io.modelway.core.events.PredictionLogged;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * How each served version does in production: ground truth from {@code modelway.feedback} joined by request id
 * to the prediction logged on {@code modelway.predictions}, whichever arrives first. A classifier's share of
 * correct labels is exported as {@code modelway_live_accuracy{model,version}}, a regressor's error as
 * {@code modelway_live_rmse{model,version}}. Only single-instance predictions are joined: a batch's feedback
 * cannot say which instance it is about.
 */
@Component
public class LiveAccuracy {

    private static final int REMEMBERED = 100_000;

    /** Feedback joined so far for one model version. */
    public record VersionScore(String model, int version, long feedback, long correct, Double accuracy, Double rmse) {
    }

    private record Predicted(String model, int version, Object label, Double value) {
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
    private final Map<String, Predicted> predictions = bounded();
    private final Map<String, Object> waiting = bounded();
    private final Map<UUID, Boolean> seen = bounded();
    private final Map<String, Score> scores = new TreeMap<>();

    LiveAccuracy(MeterRegistry meters) {
        this.meters = meters;
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

    /** A logged prediction, from the drift monitor's reading of {@code modelway.predictions}. */
    public synchronized void prediction(PredictionLogged prediction) {
        if (PredictionLogged.SHADOW.equals(prediction.role()) || prediction.outputs().size() != 1) {
            return;
        }
        Map<String, Object> output = prediction.outputs().get(0);
        Predicted predicted = new Predicted(prediction.model(), prediction.version(), output.get("label"),
                output.get("value") instanceof Number n ? n.doubleValue() : null);
        Object truth = waiting.remove(prediction.requestId());
        if (truth != null) {
            score(predicted, truth);
        } else {
            predictions.put(prediction.requestId(), predicted);
        }
    }

    synchronized void feedback(FeedbackReceived feedback) {
        if (seen.put(feedback.eventId(), Boolean.TRUE) != null) {
            return;
        }
        Predicted predicted = predictions.remove(feedback.requestId());
        if (predicted == null) {
            waiting.put(feedback.requestId(), feedback.trueLabel());
        } else {
            score(predicted, feedback.trueLabel());
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

    private void score(Predicted predicted, Object truth) {
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
