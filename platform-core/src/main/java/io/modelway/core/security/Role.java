package io.modelway.core.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The roles a person, client app or service holds, as the identity provider names them in the token. A role
 * carries the ones below it: {@code admin} everything {@code ops} may, {@code ops} everything {@code engineer} may,
 * and {@code engineer} what {@code viewer} and {@code client} may. {@code viewer} and {@code client} are apart: one
 * reads, the other predicts and sends feedback.
 */
public enum Role {

    VIEWER,
    CLIENT,
    ENGINEER(VIEWER, CLIENT),
    OPS(ENGINEER),
    ADMIN(OPS);

    // An array: an EnumSet of the enum cannot be built while the enum itself is being initialised.
    private final Role[] below;

    Role(Role... below) {
        this.below = below;
    }

    /** The name in tokens, API keys and messages: {@code viewer}, {@code ops}, ... */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority this role grants: {@code ROLE_viewer}. */
    public String authority() {
        return "ROLE_" + wire();
    }

    public static Optional<Role> fromWire(String name) {
        for (Role role : values()) {
            if (role.wire().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** The roles held, with every role they carry. */
    public static Set<Role> withImplied(Collection<Role> held) {
        Set<Role> all = EnumSet.noneOf(Role.class);
        for (Role role : held) {
            addWithBelow(role, all);
        }
        return all;
    }

    private static void addWithBelow(Role role, Set<Role> all) {
        if (all.add(role)) {
            for (Role lower : role.below) {
                addWithBelow(lower, all);
            }
        }
    }
}
