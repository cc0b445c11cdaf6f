package io.modelway.core.security;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall with its own rule for header and parameter names and values (every code
 * point assigned, none an ISO control character) checked by a loop instead of a regular expression. The rule is
 * the same; the regular expression ran on every read of every header, so a bearer token of a thousand characters
 * cost more than scoring the model it was sent to.
 */
final class HeaderChecks {

    private HeaderChecks() {
    }

    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderChecks::assignedAndNotControl);
        firewall.setAllowedHeaderValues(HeaderChecks::assignedAndNotControl);
        firewall.setAllowedParameterNames(HeaderChecks::assignedAndNotControl);
        firewall.setAllowedParameterValues(HeaderChecks::assignedAndNotControl);
        return firewall;
    }

    /** What {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} accepts, with printable ASCII decided without a lookup. */
    static boolean assignedAndNotControl(String text) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            if (Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.UNASSIGNED) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
