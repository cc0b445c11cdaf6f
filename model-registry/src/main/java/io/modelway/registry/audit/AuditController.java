package io.modelway.registry.audit;

import io.modelway.core.web.Paging;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    /** Newest first, optionally one action ({@code alias.moved}, {@code version.registered}, ...); paged. */
    @GetMapping("/api/models/{model}/audit")
    ResponseEntity<List<AuditEntry>> audit(@PathVariable String model, @RequestParam(required = false) String action,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        Paging paging = Paging.of(limit, offset, 1000);
        return paging.answer(audit.entries(model, action, paging.limit(), paging.offset()), audit.count(model, action));
    }
}
