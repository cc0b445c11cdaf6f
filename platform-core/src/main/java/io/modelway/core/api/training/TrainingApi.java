package io.modelway.core.api.training;

import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/** training-service's API as the other services call it, with the records its controllers answer. */
@HttpExchange(accept = MediaType.APPLICATION_JSON_VALUE)
public interface TrainingApi {

    @GetExchange("/api/training-specs/{model}")
    TrainingSpec spec(@PathVariable String model);

    /** Runs of a model for one reason ({@code manual}, {@code new-data}, {@code drift}, {@code schedule}), newest first. */
    @GetExchange("/api/training-runs")
    List<TrainingRun> runs(@RequestParam String model, @RequestParam String reason, @RequestParam int limit);
}
