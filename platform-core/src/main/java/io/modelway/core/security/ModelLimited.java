package io.modelway.core.security;

import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** A caller that may act only on some models (an API key created for them); empty means every model. */
public interface ModelLimited {

    Set<String> models();

    default boolean allows(String model) {
        return models().isEmpty() || models().contains(model);
    }

    /** Whether the caller of this request may act on {@code model}; callers with no such limit may. */
    static boolean currentCallerMay(String model) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return !(caller instanceof ModelLimited limited) || limited.allows(model);
    }
}
