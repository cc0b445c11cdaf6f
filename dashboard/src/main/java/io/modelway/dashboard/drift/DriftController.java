package io.modelway.dashboard.drift;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DriftController {

    private final DriftMonitor monitor;

    DriftController(DriftMonitor monitor) {
        this.monitor = monitor;
    }

    /** The model's measured windows, oldest first: per feature and method, the statistic and p-value. */
    @GetMapping("/api/drift/{model}")
    List<DriftWindow> drift(@PathVariable String model) {
        return monitor.history(model);
    }
}
