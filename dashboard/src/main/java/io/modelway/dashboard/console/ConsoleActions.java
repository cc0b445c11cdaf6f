package io.modelway.dashboard.console;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;

/**
 * The writes the gateway forwards, the console's own: promote (move an alias), roll an alias back, start a
 * training run, try a prediction and send its feedback. Everything else it forwards is a read.
 */
final class ConsoleActions {

    private record Action(String service, HttpMethod method, Pattern path) {
    }

    private static final String NAME = "[^/]+";

    private static final List<Action> ALLOWED = List.of(
            new Action("registry", HttpMethod.PUT, Pattern.compile("/api/models/" + NAME + "/aliases/" + NAME)),
            new Action("registry", HttpMethod.POST, Pattern.compile("/api/models/" + NAME + "/aliases/" + NAME + "/rollback")),
            new Action("training", HttpMethod.POST, Pattern.compile("/api/training-runs")),
            new Action("serving", HttpMethod.POST, Pattern.compile("/api/models/" + NAME + "(/versions/" + NAME + ")?/predict")),
            new Action("serving", HttpMethod.POST, Pattern.compile("/api/feedback")));

    private ConsoleActions() {
    }

    static boolean allows(String service, HttpMethod method, String path) {
        return ALLOWED.stream().anyMatch(a -> a.service().equals(service) && a.method().equals(method)
                && a.path().matcher(path).matches());
    }
}
